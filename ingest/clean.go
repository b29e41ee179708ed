package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// errBinary is the error of input that is not text at all.
var errBinary = errors.New("binary data, not text")

// looksBinary reports whether b (the start of an input) holds bytes no
// text file has: a NUL, or many control characters.
func looksBinary(b []byte) bool {
	if len(b) > 8<<10 {
		b = b[:8<<10]
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1b {
			ctl++
		}
	}
	return ctl > len(b)/20
}

// checkText rejects text that Verbatim cannot take as it is: text whose
// offsets would shift if it were repaired (user text and gold files) is
// reported instead.
func checkText(b []byte) error {
	if looksBinary(b) {
		return errBinary
	}
	if i := invalidUTF8(b); i >= 0 {
		return fmt.Errorf("invalid UTF-8 at byte %d (convert the file to UTF-8)", i)
	}
	return nil
}

// invalidUTF8 returns the offset of the first invalid UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// repairText makes extracted text safe to pass on: invalid UTF-8 becomes
// U+FFFD and NUL bytes are dropped. Extracted text is Verbatim's own
// product, so repairing it shifts no offset anyone holds.
func repairText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return s
}

// stripBOM removes a UTF-8 byte order mark, which editors on Windows put at
// the start of text files and which is not part of the text.
func stripBOM(b []byte) []byte {
	return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
}
