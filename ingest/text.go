package ingest

import (
	"context"
	"errors"
	"io"
	"strings"

	"verbatim"
)

// textReader reads a plain-text file as one article. The text is taken
// exactly as it is, but for a UTF-8 byte order mark, since offsets refer
// to it; text that is not valid UTF-8 is refused rather than repaired,
// because repairing would shift every offset after the damage.
type textReader struct {
	path string
	cfg  *config
	body io.ReadCloser // set when the file is open already; else path is opened
	done bool
}

func (r *textReader) Next(ctx context.Context) (*verbatim.Input, error) {
	if r.done {
		return nil, io.EOF
	}
	r.done = true
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	origin := verbatim.Origin{Kind: verbatim.OriginText, Path: r.path}
	b, err := readSource(r.path, r.body, r.cfg.maxText)
	if err != nil {
		return failed(origin, err), nil
	}
	b = stripBOM(b)
	if err := checkText(b); err != nil {
		return failed(origin, err), nil
	}
	text := string(b)
	if strings.TrimSpace(text) == "" {
		return failed(origin, errors.New("empty file")), nil
	}
	return &verbatim.Input{ID: r.path, Origin: origin, Text: text}, nil
}

func (r *textReader) Close() error { return closeBody(r.body) }
