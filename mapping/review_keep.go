package mapping

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// marshalOver writes r over old, the file's text as it was: decisions that
// did not change keep their text and comments, a changed one keeps the
// comments around it, new ones are appended, removed ones dropped. People
// edit the file by hand too; a save from the page must not throw away
// their notes. Text that does not parse is not reused: r is written fresh.
func marshalOver(old []byte, r *Review) ([]byte, error) {
	fresh := func() ([]byte, error) { return MarshalReview(r) }
	if len(bytes.TrimSpace(old)) == 0 {
		return fresh()
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(old, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return fresh()
	}
	root := doc.Content[0]
	var period, seq *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		switch root.Content[i].Value {
		case "period":
			period = root.Content[i+1]
		case "decisions":
			seq = root.Content[i+1]
		}
	}
	if period == nil {
		period = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str"}
		root.Content = append([]*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: "period"}, period}, root.Content...)
	}
	period.Kind, period.Tag, period.Value, period.Style = yaml.ScalarNode, "!!str", r.Period, 0
	if seq == nil {
		seq = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "decisions"}, seq)
	}
	if seq.Kind != yaml.SequenceNode { // decisions: (null) or a scalar
		*seq = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", HeadComment: seq.HeadComment, LineComment: seq.LineComment}
	}
	type kept struct {
		node *yaml.Node
		text string
	}
	byKey := map[string]kept{}
	for _, item := range seq.Content {
		d, ok := parseDecision("", item, &Problems{})
		if !ok {
			continue
		}
		text, err := decisionText(&d)
		if err != nil {
			return fresh()
		}
		byKey[d.Key()] = kept{item, text}
	}
	var content []*yaml.Node
	for i := range r.Decisions {
		d := &r.Decisions[i]
		text, err := decisionText(d)
		if err != nil {
			return nil, err
		}
		k, ok := byKey[d.Key()]
		if ok && k.text == text {
			content = append(content, k.node)
			continue
		}
		n := &yaml.Node{}
		if err := n.Encode(d); err != nil {
			return nil, err
		}
		if ok {
			n.HeadComment, n.LineComment, n.FootComment = k.node.HeadComment, k.node.LineComment, k.node.FootComment
		}
		content = append(content, n)
	}
	seq.Content = content
	if len(content) > 0 {
		seq.Style = 0 // decisions: [] becomes a block list
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	// yaml.v3 does not place every comment well (one after a flow list's
	// key breaks the list): what does not read back as r is written fresh.
	back, err := ParseReview("", b.Bytes())
	if err != nil || back.Period != r.Period || len(back.Decisions) != len(r.Decisions) {
		return fresh()
	}
	for i := range r.Decisions {
		x, _ := decisionText(&r.Decisions[i])
		y, _ := decisionText(&back.Decisions[i])
		if x != y {
			return fresh()
		}
	}
	return b.Bytes(), nil
}

// decisionText is a decision as the file writes it, to tell a changed
// decision from one left as it was.
func decisionText(d *Decision) (string, error) {
	out, err := yaml.Marshal(d)
	return string(out), err
}
