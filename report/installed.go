package report

import (
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

// The brief's roles, as config.yaml's brief: fonts: names them.
const (
	RoleTitle    = "title"
	RoleBody     = "body"
	RoleHeading1 = "heading1"
	RoleHeading2 = "heading2"
	RoleTable    = "table"
)

// installedNames are, for each role, the files of the faces GB/T 9704-2012
// asks for (title 小标宋, body and tables 仿宋, first-level headings 黑体,
// second-level 楷体) as offices have them installed, best first, in lower
// case. Where they come from:
//   - simfang.ttf (仿宋), simhei.ttf (黑体), simkai.ttf (楷体): the Chinese
//     fonts Windows ships (Microsoft's Windows font list: FangSong, SimHei,
//     KaiTi); stfangso.ttf, stkaiti.ttf: 华文仿宋 and 华文楷体, which
//     Microsoft Office installs;
//   - 仿宋_gb2312.ttf, 楷体_gb2312.ttf: the GB 2312 faces of older Windows
//     that offices keep installing for 公文 (FangSong_GB2312, KaiTi_GB2312);
//   - fzxbsjw.ttf, fzfsjw.ttf, fzhtjw.ttf, fzktjw.ttf and the …k.ttf GBK
//     versions: Founder's (方正) 小标宋, 仿宋, 黑体, 楷体, file-named FZ + the
//     face's initials + JW (简体) or K (GBK); 方正小标宋简体 is the title face
//     most offices use and no OS ships. Font packs also name the files by
//     the face in Chinese or by its PostScript name (FZXiaoBiaoSong-B05S);
//   - cesi_*_gb2312.ttf: the GB 2312 faces of 中国电子技术标准化研究院
//     (CESI) that domestic Linux desktops (UOS, Kylin) carry for 公文; these
//     names are from memory of those systems, not checked on one.
//
// The 公文 faces come first: an office that installed 仿宋_GB2312 prints
// its documents in it. A file is taken by its name, so finding them costs
// folder listings, not a parse of every font installed; what is found is
// then parsed and checked like a configured font, and when a file is
// refused the next one on the list is tried.
var installedNames = map[string][]string{
	RoleTitle: {"fzxbsjw.ttf", "方正小标宋简体.ttf", "fzxiaobiaosong-b05s.ttf", "fzxbsk.ttf", "方正小标宋_gbk.ttf",
		"cesi_xbs_gb2312.ttf"},
	RoleBody: {"仿宋_gb2312.ttf", "fzfsjw.ttf", "方正仿宋简体.ttf", "fzfsk.ttf", "方正仿宋_gbk.ttf",
		"cesi_fs_gb2312.ttf", "simfang.ttf", "stfangso.ttf"},
	RoleHeading1: {"simhei.ttf", "fzhtjw.ttf", "方正黑体简体.ttf", "fzhtk.ttf", "方正黑体_gbk.ttf", "cesi_ht_gb2312.ttf"},
	RoleHeading2: {"楷体_gb2312.ttf", "fzktjw.ttf", "方正楷体简体.ttf", "fzktk.ttf", "方正楷体_gbk.ttf",
		"cesi_kt_gb2312.ttf", "simkai.ttf", "stkaiti.ttf"},
}

// installedByName is installedNames turned round: for a file name, the
// roles it serves and its rank in each.
var installedByName = func() map[string][]installedRank {
	m := map[string][]installedRank{}
	for role, names := range installedNames {
		for i, n := range names {
			m[n] = append(m[n], installedRank{role, i})
		}
	}
	return m
}()

type installedRank struct {
	role string
	rank int
}

// SystemFontDirs are the folders the OS keeps installed fonts in, for
// everyone and for the user.
func SystemFontDirs() []string {
	home, _ := os.UserHomeDir()
	var dirs []string
	switch runtime.GOOS {
	case "windows":
		win := os.Getenv("WINDIR")
		if win == "" {
			win = `C:\Windows`
		}
		dirs = append(dirs, filepath.Join(win, "Fonts"))
		if local := os.Getenv("LOCALAPPDATA"); local != "" {
			dirs = append(dirs, filepath.Join(local, "Microsoft", "Windows", "Fonts"))
		}
	case "darwin":
		dirs = append(dirs, "/Library/Fonts", "/System/Library/Fonts/Supplemental")
		if home != "" {
			dirs = append(dirs, filepath.Join(home, "Library", "Fonts"))
		}
	default:
		// The XDG base directories (fontconfig's default folders).
		data := os.Getenv("XDG_DATA_HOME")
		if data == "" && home != "" {
			data = filepath.Join(home, ".local", "share")
		}
		if data != "" {
			dirs = append(dirs, filepath.Join(data, "fonts"))
		}
		if home != "" {
			dirs = append(dirs, filepath.Join(home, ".fonts"))
		}
		shared := os.Getenv("XDG_DATA_DIRS")
		if shared == "" {
			shared = "/usr/local/share:/usr/share"
		}
		for _, d := range filepath.SplitList(shared) {
			if d != "" {
				dirs = append(dirs, filepath.Join(d, "fonts"))
			}
		}
	}
	return dirs
}

// maxFontEntries bounds the walk of each font folder: a Linux font tree
// with every package holds a few thousand entries, and a folder given by
// mistake (a whole disk) must not hold up the run.
const maxFontEntries = 50000

// FindInstalled looks through dirs and their subfolders (following links,
// each real folder once) for the files of installedNames and gives, for
// each role found, their paths best first. Folders that do not exist or
// cannot be read are passed over.
func FindInstalled(dirs []string) map[string][]string {
	type hit struct {
		rank int
		path string
	}
	hits := map[string][]hit{}
	seen := map[string]bool{} // real folders walked
	var walk func(dir string, budget *int)
	walk = func(dir string, budget *int) {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil || seen[real] {
			return
		}
		seen[real] = true
		entries, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		for _, e := range entries {
			if *budget--; *budget < 0 {
				return
			}
			path := filepath.Join(dir, e.Name())
			isDir := e.IsDir()
			if e.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(path)
				if err != nil {
					continue
				}
				isDir = st.IsDir()
			}
			if isDir {
				walk(path, budget)
				continue
			}
			for _, r := range installedByName[strings.ToLower(e.Name())] {
				hits[r.role] = append(hits[r.role], hit{r.rank, path})
			}
		}
	}
	for _, dir := range dirs {
		budget := maxFontEntries
		walk(dir, &budget)
	}
	found := map[string][]string{}
	for role, hs := range hits {
		// Best name first; the same name in two folders in the order given.
		slices.SortStableFunc(hs, func(a, b hit) int { return a.rank - b.rank })
		for _, h := range hs {
			found[role] = append(found[role], h.path)
		}
	}
	return found
}

// Embeddable says whether the font's licence lets a brief carry it as
// djreport embeds fonts, a subset of outlines (OpenType OS/2 fsType): not
// when it asks for restricted-licence embedding, nor when it forbids
// subsetting or allows only bitmaps. Of the usage bits, old fonts may set
// several, and the least restrictive counts. A font without OS/2 says
// nothing and is taken.
func (f *Font) Embeddable() bool {
	os2 := f.tables["OS/2"]
	if len(os2) < 10 {
		return true
	}
	t := binary.BigEndian.Uint16(os2[8:])
	return t&0x000F != 0x0002 && t&0x0300 == 0
}

// isXiaoBiaoSong says whether the font is a 小标宋, by any of its names
// (方正小标宋简体, FZXiaoBiaoSong-B05S, FZXBSJW--GB1-0): the brief draws its
// title and masthead in a 宋 with a stroke to give them 小标宋's weight, and
// a 小标宋 has it already.
func (f *Font) isXiaoBiaoSong() bool {
	for _, n := range f.names {
		l := strings.ToLower(n)
		if strings.Contains(n, "小标宋") || strings.Contains(n, "小標宋") || strings.Contains(l, "xiaobiaosong") || strings.HasPrefix(l, "fzxbs") {
			return true
		}
	}
	return false
}
