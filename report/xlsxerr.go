package report

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"strings"
)

// XLSXReason says in Chinese why a file is not a workbook djreport can use,
// from what the zip and XML readers (archive/zip, excelize) report in
// English: staff see the likely cause and what to do, not a Go error.
func XLSXReason(err error) string {
	var syn *xml.SyntaxError
	msg := err.Error()
	switch {
	case errors.Is(err, zip.ErrFormat):
		return "不是 .xlsx 格式（可能是旧的 .xls、WPS 的 .et，或改了扩展名的其他文件）：请在 Excel 或 WPS 中打开后“另存为” .xlsx"
	case errors.Is(err, zip.ErrAlgorithm):
		return "文件使用了不支持的压缩方式：请在 Excel 或 WPS 中打开后重新保存"
	case errors.Is(err, zip.ErrChecksum):
		return "文件已损坏（校验失败）：请重新获取或重新保存"
	case strings.Contains(msg, "expected element type <workbook>"), strings.Contains(msg, "workbook.xml"):
		return "文件里没有 Excel 工作簿（可能是改了扩展名的 Word 或其他 Office 文件）"
	case errors.As(err, &syn), strings.Contains(msg, "XML syntax error"):
		return "文件内部的 XML 有误，文件可能已损坏：请在 Excel 或 WPS 中打开后重新保存"
	case strings.Contains(msg, "password") || strings.Contains(msg, "encrypt"):
		return "文件设有密码：请去掉密码后再用"
	case strings.Contains(msg, "EOF"):
		return "文件不完整（可能下载或复制时中断）：请重新获取，或在 Excel 或 WPS 中打开后重新保存"
	case strings.Contains(msg, "expected element"), strings.Contains(msg, "strconv."), strings.Contains(msg, "invalid syntax"):
		return "文件内部结构有误，文件可能已损坏：请在 Excel 或 WPS 中打开后重新保存"
	}
	// What the readers said is in English: the cause is what staff need.
	return "文件内部结构有误，无法读取（已损坏，或不是 Excel、WPS 保存的 .xlsx）：请在 Excel 或 WPS 中打开后重新保存"
}
