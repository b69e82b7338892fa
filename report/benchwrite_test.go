package report

import (
	"fmt"
	"path/filepath"
	"testing"
)

// benchWrite measures one output: made, its bytes made in memory (the
// writer's own work), and write, which makes it as a file at the path it is
// given, the two ways djreport writes files:
//
//   - quarter: a new file in a staged folder, as `djreport run` writes every
//     unit's outputs (synced together once per run, SyncStaged);
//   - alone: one file through WriteAtomic's temporary file, synced and
//     renamed over the last one, as a single output is written.
//
// Each reports cpu-ns/op besides ns/op: ns/op is wall time, and alone
// includes waiting for the disk to confirm the sync. The file variants
// also measure the file system: on this project's VM (ext4 without a
// journal) creating a file costs up to a millisecond of kernel time when
// many files were deleted in the last half minute, as the benchmarks
// before delete theirs (the same writers into a tmpfs: TMPDIR=/dev/shm).
func benchWrite(b *testing.B, name string, made func() error, write func(path string) error) {
	b.Run("made", func(b *testing.B) {
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			if err := made(); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
	b.Run("quarter", func(b *testing.B) {
		dir := b.TempDir()
		defer Stage(dir)()
		b.ReportAllocs()
		i := 0
		cpu := startCPU()
		for b.Loop() {
			i++
			if err := write(filepath.Join(dir, fmt.Sprintf("%d-%s", i, name))); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
	b.Run("alone", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), name)
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			if err := write(out); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
}
