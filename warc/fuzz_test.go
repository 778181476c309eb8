package warc

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/hostile"
)

// FuzzRead: an archive, however broken, yields pages within the size
// limit, each named and of a format storyline reads, or errors naming the
// archive or the page with a reason; and reading it ends.
func FuzzRead(f *testing.F) {
	f.Add([]byte(strings.Join(archive(), "")))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 5\r\n\r\nabc"))
	seeds, err := hostile.Seeds("*.warc", "*.warc.gz")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(s)
	}
	const limit = 1 << 16
	f.Fuzz(func(t *testing.T, data []byte) {
		err := Read(context.Background(), bytes.NewReader(data), "fuzz.warc", limit, func(in *storyline.Input, err error) error {
			if err != nil {
				var ie *storyline.InputError
				if !errors.As(err, &ie) || ie.Source == "" || (ie.Reason != "bad-warc" && ie.Reason != "too-large") {
					t.Fatalf("error without a name or a known reason: %v", err)
				}
				return nil
			}
			if len(in.Raw) > limit {
				t.Fatalf("payload over the limit: %d", len(in.Raw))
			}
			if in.Source == "" || (in.Format != storyline.FormatHTML && in.Format != storyline.FormatText) {
				t.Fatalf("page without a name or a format: %+v", in)
			}
			return nil
		})
		if err != nil && !strings.HasPrefix(err.Error(), "fuzz.warc: ") {
			t.Fatalf("failure does not name the archive: %v", err)
		}
	})
}
