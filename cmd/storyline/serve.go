package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

	storyhttp "github.com/storyline-news/storyline/http"
)

func (a *app) serveCmd() *cobra.Command {
	var addr, token string
	var readOnly bool
	var cacheMB int
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web UI and the JSON API",
		Long: `serve starts one process that serves the pages for people (/) and the JSON
API (/api/..., described at /openapi.json). It binds to loopback by default;
to share it, bind another address and set --token (or STORYLINE_TOKEN), and
consider --read-only. Pages and answers are kept in memory (--cache-mb) until
the database changes, whoever changes it.`,
		Example: `  storyline serve --db news.db
  storyline serve --db news.db --addr 0.0.0.0:8080 --token s3cret --read-only`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
			opts := storyhttp.Options{ReadOnly: readOnly, Token: token, Logger: logger, CacheBytes: cacheMB << 20}
			if cacheMB <= 0 {
				opts.CacheBytes = -1
			}
			srv, err := storyhttp.NewServer(st, opts)
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("listening on %s: %w", addr, err)
			}
			if host, _, _ := net.SplitHostPort(addr); !isLoopback(host) && token == "" {
				fmt.Fprintln(cmd.ErrOrStderr(), "warning: serving beyond loopback without --token: anyone who can reach it can read the corpus")
			}
			fmt.Fprintf(cmd.OutOrStdout(), "serving on http://%s\n", ln.Addr())
			return serveUntilDone(ctx, &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}, ln)
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	f.StringVar(&token, "token", os.Getenv("STORYLINE_TOKEN"), "require this token on every request")
	f.BoolVar(&readOnly, "read-only", false, "refuse every request that would change the database")
	f.IntVar(&cacheMB, "cache-mb", 64, "memory for rendered pages and answers, in MiB (0: render every request)")
	return cmd
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serveUntilDone serves until ctx ends, then drains open requests.
func serveUntilDone(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			return err
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
