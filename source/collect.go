package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Collect expands files and folders into source paths. Folders are walked
// recursively in lexical order, skipping hidden entries and Office lock files
// (~$name.docx); files named explicitly are kept whatever their extension, so
// Read can say why one cannot be used. A path appears once.
func Collect(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		key := filepath.Clean(p)
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			reason := "文件或文件夹不存在"
			if !os.IsNotExist(err) {
				reason = osReason(err)
			}
			return nil, &Error{Path: arg, Reason: reason}
		}
		if !info.IsDir() {
			add(arg)
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return &Error{Path: p, Reason: osReason(err)}
			}
			if p != arg && hidden(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && d.Type().IsRegular() && collected(filepath.Ext(p)) {
				add(p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")
}
