package entity

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Key folds a name to what stays the same across spellings and
// transliterations: Sergei/Sergey, Khmeimim/Hmeymim/Hmeimim,
// Tartus/Tartous, Ahmad/Ahmed, al-/el-/no article. Two names with the same
// key are taken for the same name.
func Key(name string) string {
	words := strings.FieldsFunc(foldDiacritics(strings.ToLower(name)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
	})
	out := make([]string, 0, len(words))
	for _, w := range words {
		w = strings.TrimPrefix(strings.TrimPrefix(w, "al-"), "el-")
		w = strings.ReplaceAll(strings.ReplaceAll(w, "-", ""), "'", "")
		if w == "al" || w == "el" || w == "the" {
			continue
		}
		if rest, ok := strings.CutPrefix(w, "ye"); ok && len(rest) > 2 {
			w = "e" + rest // Russian Е opening a name: Yelena/Elena, Yevgeny/Evgeny
		}
		out = append(out, foldWord(w))
	}
	return strings.Join(out, " ")
}

// foldWord applies transliteration folds, most specific first.
func foldWord(w string) string {
	for _, r := range []struct{ from, to string }{
		{"kh", "h"}, {"ey", "i"}, {"ei", "i"}, {"iy", "i"}, {"ii", "i"}, {"yi", "i"}, {"ou", "u"}, {"oo", "u"},
		{"ph", "f"}, {"dh", "d"}, {"th", "t"}, {"q", "k"}, {"ck", "k"}, {"y", "i"}, {"e", "a"}, {"o", "u"}, {"w", "v"},
	} {
		w = strings.ReplaceAll(w, r.from, r.to)
	}
	// Doubled letters are spelled either way: Hmeimim, Khmeimmim.
	var b strings.Builder
	var last rune
	for _, r := range w {
		if r != last {
			b.WriteRune(r)
		}
		last = r
	}
	return b.String()
}

var stripMarks = runes.Remove(runes.In(unicode.Mn))

func foldDiacritics(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s // nothing to fold, and most names in English news are ASCII
	}
	out, _, err := transform.String(transform.Chain(norm.NFD, stripMarks, norm.NFC), s)
	if err != nil {
		return s
	}
	return out
}

// ID is the stable canonical id of an entity: the same for the same name
// key and type in every article and every run.
func ID(typ, name string) string { return idFromKey(typ, Key(name)) }

func idFromKey(typ, key string) string {
	sum := sha256.Sum256([]byte(typ + "\x00" + key))
	prefix := map[string]string{"person": "per", "organization": "org", "place": "plc", "group": "grp"}[typ]
	if prefix == "" {
		prefix = "ent"
	}
	return prefix + "-" + hex.EncodeToString(sum[:6])
}
