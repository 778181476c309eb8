package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// memory reads a running process's peak resident set so far (the
// high-water mark of its own memory since it started its program) and its
// anonymous resident memory now (heap and stacks, without mapped files),
// in bytes. The rusage of a finished child is no use here: Linux carries
// the parent's peak into the child across fork and exec.
func memory(pid int) (peak, anon int64) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, 0
	}
	kb := func(rest string) int64 {
		n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
		return n << 10
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			peak = kb(rest)
		} else if rest, ok := strings.CutPrefix(line, "RssAnon:"); ok {
			anon = kb(rest)
		}
	}
	return peak, anon
}

// clockTick is the unit of /proc CPU times (USER_HZ, 100 on every Linux
// this runs on).
const clockTick = 10 * time.Millisecond

// processTreeCPU is the CPU time of a process, of its children it has
// reaped, and of its live children: a PostgreSQL server's postmaster and
// its backends.
func processTreeCPU(pid int) time.Duration {
	own, ok := procTimes(strconv.Itoa(pid))
	if !ok {
		return 0
	}
	total := own.user + own.system + own.childUser + own.childSystem
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		if t, ok := procTimes(filepath.Base(d)); ok && t.ppid == pid {
			total += t.user + t.system
		}
	}
	return time.Duration(total) * clockTick
}

type procTime struct {
	ppid                                 int
	user, system, childUser, childSystem int64
}

func procTimes(pid string) (procTime, bool) {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return procTime{}, false
	}
	// The command name may hold spaces and brackets: fields start after
	// its last ')'. Then: state ppid ... utime(14) stime cutime cstime.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 15 {
		return procTime{}, false
	}
	n := func(i int) int64 { v, _ := strconv.ParseInt(f[i], 10, 64); return v }
	return procTime{ppid: int(n(1)), user: n(11), system: n(12), childUser: n(13), childSystem: n(14)}, true
}
