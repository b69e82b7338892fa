package report

import "testing"

// TestKernelAtLeast: kernel releases as distributions name them.
func TestKernelAtLeast(t *testing.T) {
	for _, tc := range []struct {
		release string
		want    bool
	}{
		{"5.8.0", true},
		{"5.10.0-21-amd64", true},
		{"6.1", true},
		{"5.8-rc1", true},
		{"5.7.19", false},
		{"4.19.90-52.22.v2207.ky10.x86_64", false}, // Kylin V10
		{"4.19.0-arm64-desktop", false},            // UOS
		{"10.0", true},
		{"", false},
		{"five.eight", false},
	} {
		if got := kernelAtLeast(tc.release, 5, 8); got != tc.want {
			t.Errorf("kernelAtLeast(%q, 5, 8) = %v, want %v", tc.release, got, tc.want)
		}
	}
}
