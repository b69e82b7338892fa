package extract

import (
	"strings"
	"testing"
)

// gazBenchProse is report-style prose with a realistic density of place names.
const gazBenchProse = `过去一年间，慈溪市委以贯彻落实党的二十届三中全会精神为主线，紧扣全面加强“三支队伍”建设新要求，深入实施红色根脉强基示范工程，通过抓队伍、建机制、促发展、强治理，交出了一张助推高质量发展的高分答卷。
聊城市东昌府区坚持党建引领乡村振兴，推动共同富裕，全市累计选派第一书记1200余名，茌平区冯官屯镇、临清市新华路街道葡香村探索“党支部+合作社+农户”模式，带动村集体增收35.6万元。
株洲市芦淞区建设街道深化“幸福株洲·治理说”品牌，组建网格党支部86个，吸纳在职党员3472名到社区报到，打通城市基层治理“最后一公里”，绿水青山就是金山银山的理念深入人心。
娄底市娄星区、大同市浑源县持续推进基层减负，精简文件会议30%以上，党和政府的惠民政策顺利通过各级考核，群众满意度达到98.5%。`

func gazBenchText(n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(gazBenchProse)
		b.WriteString("\n")
	}
	return b.String()
}

func BenchmarkScan(b *testing.B) {
	text := gazBenchText(1 << 20)
	g := Gazetteer()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		g.Scan(text)
	}
}

func BenchmarkGazetteerLoad(b *testing.B) {
	for b.Loop() {
		parseGazetteer(divisionsTSV)
	}
}
