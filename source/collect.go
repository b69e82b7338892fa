package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Collection is what Scan found: the files to read, folders that could not
// be read (one error each, like an unreadable file), and files left out
// with the reason, so that nothing is skipped without a word.
type Collection struct {
	Files   []string
	Errors  []error
	Skipped []Skip
}

// Skip is a file or link left out of a run, and why.
type Skip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Collect is Scan's files; folder errors and skipped files are dropped,
// for tools (benchmarks, corpus tests) that read trees they know.
func Collect(args []string) ([]string, error) {
	c, err := Scan(args)
	if err != nil {
		return nil, err
	}
	return c.Files, nil
}

// Scan expands files and folders into source paths. Folders are walked
// recursively in lexical order, skipping hidden entries and Office lock files
// (~$name.docx) quietly; files of other types are listed in Skipped. Files
// named explicitly are kept whatever their extension, so Read can say why one
// cannot be used. A file appears once, however many names lead to it.
//
// Symbolic links inside a folder: a link to a file inside the same tree is
// followed (the file is read once, under the first name); a link to a
// folder is not followed, which rules out loops; links out of the tree or
// to nothing are listed in Skipped. Only an argument that does not exist
// is an error for the whole scan.
func Scan(args []string) (*Collection, error) {
	c := &Collection{}
	seen := map[string]string{} // real path -> the name it was taken under
	add := func(p string) {
		key := filepath.Clean(p)
		if real, err := filepath.EvalSymlinks(p); err == nil {
			key = real
		}
		if first, dup := seen[key]; dup {
			if first != p {
				c.Skipped = append(c.Skipped, Skip{Path: p, Reason: "与 " + first + " 是同一文件，只读一次"})
			}
			return
		}
		seen[key] = p
		c.Files = append(c.Files, p)
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
		root, err := filepath.EvalSymlinks(arg)
		if err != nil {
			root = arg
		}
		root, _ = filepath.Abs(root)
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if d == nil {
					return &Error{Path: p, Reason: osReason(err)}
				}
				// One unreadable folder is one error; the walk goes on.
				c.Errors = append(c.Errors, &Error{Path: p, Reason: "无法读取文件夹（" + osReason(err) + "），其中的报告未处理"})
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if p != arg && hidden(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if reason := linkReason(root, p); reason != "" {
					c.Skipped = append(c.Skipped, Skip{Path: p, Reason: reason})
					return nil
				}
			} else if !d.Type().IsRegular() {
				c.Skipped = append(c.Skipped, Skip{Path: p, Reason: "不是普通文件（设备、管道或套接字）"})
				return nil
			}
			if !collected(filepath.Ext(p)) {
				c.Skipped = append(c.Skipped, Skip{Path: p, Reason: "不支持的文件类型（支持 " + Extensions() + "）"})
				return nil
			}
			add(p)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// linkReason says why the link at p is not followed, or "" to follow it:
// only links to regular files inside root are.
func linkReason(root, p string) string {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "链接失效或成环（" + osReason(err) + "），未读取"
	}
	info, err := os.Stat(target)
	if err != nil {
		return "链接指向的文件无法读取（" + osReason(err) + "）"
	}
	if info.IsDir() {
		return "链接指向文件夹 " + target + "，不跟随（以免重复或成环）；如需读取请直接给出该文件夹"
	}
	abs, _ := filepath.Abs(target)
	if rel, err := filepath.Rel(root, abs); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "链接指向来源文件夹以外的文件 " + target + "，未读取；如需读取请直接给出该文件"
	}
	if !info.Mode().IsRegular() {
		return "链接指向的不是普通文件"
	}
	return ""
}

func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")
}
