// Package pgtest starts a real, throwaway PostgreSQL server for tests: a
// fresh cluster in a temporary folder, listening on a loopback port, gone
// when the tests end. It uses the Debian packages' binaries; nothing is
// mocked.
package pgtest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"time"
)

// EnvRequire makes a missing PostgreSQL installation a test failure rather
// than a skip; the project's test script sets it.
const EnvRequire = "STORYLINE_REQUIRE_POSTGRES"

// Server is a running throwaway cluster.
type Server struct {
	dir  string
	bin  string
	port int
	as   string // OS user the server runs as ("" for the current user)
}

// Options shape a cluster.
type Options struct {
	// Dir is where the cluster's folder is made ("" for the system's
	// temporary folder): benchmarks keep large databases on a disk of
	// their choosing.
	Dir string
	// Durable keeps fsync and synchronous commit on, as a production
	// server has them; tests turn them off for speed.
	Durable bool
}

// Start initialises and starts a cluster for tests. The caller must Stop it.
func Start() (*Server, error) { return StartWith(Options{}) }

// StartWith initialises and starts a cluster. The caller must Stop it.
func StartWith(o Options) (*Server, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(o.Dir, "storyline-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, bin: bin}
	// PostgreSQL refuses to run as root: run it as the packaged user.
	if os.Geteuid() == 0 {
		s.as = "postgres"
		if err := chownTree(dir, s.as); err != nil {
			return nil, err
		}
	}
	if s.port, err = freePort(); err != nil {
		return nil, err
	}
	if err := s.run("initdb", "-D", s.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		s.Stop()
		return nil, fmt.Errorf("initdb: %w", err)
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c max_connections=200", s.port, dir)
	if !o.Durable {
		opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	}
	if err := s.run("pg_ctl", "-D", s.data(), "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		s.Stop()
		return nil, fmt.Errorf("pg_ctl start: %w\n%s", err, log)
	}
	return s, nil
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

// PID is the server's main process id, read from its pid file.
func (s *Server) PID() (int, error) {
	b, err := os.ReadFile(filepath.Join(s.data(), "postmaster.pid"))
	if err != nil {
		return 0, err
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return strconv.Atoi(string(bytes.TrimSpace(line)))
}

// DSN returns a connection string for a database on the server, creating
// the database first.
func (s *Server) DSN(ctx context.Context, database string) (string, error) {
	if err := s.run("createdb", "-h", "127.0.0.1", "-p", strconv.Itoa(s.port), "-U", "postgres", database); err != nil {
		return "", fmt.Errorf("createdb %s: %w", database, err)
	}
	return s.URL(database), nil
}

// URL is the connection string of a database on the server.
func (s *Server) URL(database string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, database)
}

// Stop shuts the server down and removes its files.
func (s *Server) Stop() {
	if _, err := os.Stat(filepath.Join(s.data(), "postmaster.pid")); err == nil {
		_ = s.run("pg_ctl", "-D", s.data(), "-m", "immediate", "-w", "stop")
	}
	_ = os.RemoveAll(s.dir)
}

func (s *Server) run(tool string, args ...string) error {
	path := filepath.Join(s.bin, tool)
	var cmd *exec.Cmd
	if s.as != "" {
		cmd = exec.Command("runuser", append([]string{"-u", s.as, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.Dir = os.TempDir()
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("%v: %s", err, out.String())
		}
		return nil
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		return fmt.Errorf("%s timed out: %s", tool, out.String())
	}
}

// findBin finds the newest installed server's binaries.
func findBin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Strings(dirs)
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("PostgreSQL server binaries not found (apt-get install postgresql)")
}

func chownTree(dir, name string) error {
	u, err := user.Lookup(name)
	if err != nil {
		return fmt.Errorf("user %s: %w", name, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(dir, uid, gid)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
