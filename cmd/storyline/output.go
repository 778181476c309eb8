package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Output formats.
const (
	formatText  = "text"
	formatJSON  = "json"
	formatJSONL = "jsonl"
)

func addFormatFlag(cmd *cobra.Command, target *string, def string) {
	cmd.Flags().StringVar(target, "format", def, "output format: text, json or jsonl")
}

func checkFormat(f string) error {
	switch f {
	case formatText, formatJSON, formatJSONL:
		return nil
	}
	return fmt.Errorf("unknown --format %q: use text, json or jsonl", f)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func writeJSONL[T any](w io.Writer, items []T) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		if err := enc.Encode(it); err != nil {
			return err
		}
	}
	return nil
}

// listEnvelope is the contract's JSON shape for a list.
func listEnvelope(key string, total int, items any) map[string]any {
	return map[string]any{"schema": 1, "total": total, key: items}
}

// oneLine folds text onto one line of at most n runes for terminal lists.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// highlight renders the store's [match] marks in bold on a terminal.
func highlight(s string, color bool) string {
	if !color {
		return s
	}
	s = strings.ReplaceAll(s, "[", "\x1b[1;33m")
	return strings.ReplaceAll(s, "]", "\x1b[0m")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// writeList writes a list in a machine format: the contract's envelope for
// json, one object a line for jsonl. It reports false for text, which the
// caller prints its own way.
func writeList[T any](w io.Writer, format, key string, total int, items []T) (bool, error) {
	switch format {
	case formatJSON:
		return true, writeJSON(w, listEnvelope(key, total, nonNil(items)))
	case formatJSONL:
		return true, writeJSONL(w, items)
	}
	return false, nil
}
