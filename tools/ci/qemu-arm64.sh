#!/usr/bin/env bash
# Runs a linux-arm64 program (e.g. a self-contained `dotnet publish -r linux-arm64` output)
# under qemu-user emulation on an x64 Debian 12 host.
#
# Usage: tools/ci/qemu-arm64.sh [--fake-cpuinfo] PROGRAM [ARGS...]
#
# Sysroot: the Debian multiarch arm64 packages that tools/setup-debian.sh installs put the
# loader at /lib/ld-linux-aarch64.so.1 and the libraries in /usr/lib/aarch64-linux-gnu, so the
# qemu sysroot is "/" (QEMU_LD_PREFIX overrides it). /usr/aarch64-linux-gnu is the cross-toolchain
# layout (libc6-arm64-cross) and is not used here.
#
# --fake-cpuinfo: runs the program in a private mount namespace (unshare -m; needs root) with an
# ARM (Cortex-A72, Raspberry Pi 4 class) /proc/cpuinfo bind-mounted over the host's x86 one.
# ONNX Runtime's native library crashes (SIGSEGV) under qemu-user without it.
#
# .NET programs: DOTNET_EnableWriteXorExecute=0 is set (unless already set). Seen here with W^X on:
# random NullReferenceExceptions in 8-18 of 147 tests per run; with it off, none in repeated runs.
# Likely cause: with W^X the runtime writes JIT code and patches stubs through a second (RW) mapping
# of the code pages, and qemu-user, which watches writes only to the pages it translated from, keeps
# running stale translations.
#
# Emulated timings mean nothing; compare outputs only.
set -euo pipefail

export DOTNET_EnableWriteXorExecute="${DOTNET_EnableWriteXorExecute:-0}"

die() { echo "qemu-arm64: error: $*" >&2; exit 2; }

fake_cpuinfo=0
if [[ "${1:-}" == "--fake-cpuinfo" ]]; then
  fake_cpuinfo=1
  shift
fi
(( $# >= 1 )) || die "usage: $0 [--fake-cpuinfo] PROGRAM [ARGS...]"

qemu="$(command -v qemu-aarch64-static || true)"
[[ -n "$qemu" ]] || die "qemu-aarch64-static not found; run tools/setup-debian.sh"
sysroot="${QEMU_LD_PREFIX:-/}"
[[ -e "$sysroot/lib/ld-linux-aarch64.so.1" ]] \
  || die "no arm64 loader under '$sysroot' (install libc6:arm64: run tools/setup-debian.sh)"

if (( fake_cpuinfo == 0 )); then
  exec "$qemu" -L "$sysroot" "$@"
fi

(( EUID == 0 )) || die "--fake-cpuinfo needs root (unshare -m, mount --bind)"
command -v unshare >/dev/null 2>&1 || die "unshare not found (package util-linux)"

cpuinfo="$(mktemp)"
trap 'rm -f "$cpuinfo"' EXIT
cpus="$(nproc)"
for (( i = 0; i < cpus; i++ )); do
  cat >>"$cpuinfo" <<EOF
processor	: $i
BogoMIPS	: 108.00
Features	: fp asimd evtstrm crc32 cpuid
CPU implementer	: 0x41
CPU architecture: 8
CPU variant	: 0x0
CPU part	: 0xd08
CPU revision	: 3

EOF
done
cat >>"$cpuinfo" <<'EOF'
Hardware	: BCM2835
Model		: Raspberry Pi 4 Model B (emulated)
EOF

# The bind mount lives only in the new mount namespace; the host's /proc/cpuinfo is untouched.
# Not exec'd, so that the trap removes the temporary file afterwards.
unshare --mount --propagation private -- \
  /bin/sh -c 'mount --bind "$1" /proc/cpuinfo && shift && exec "$@"' \
  sh "$cpuinfo" "$qemu" -L "$sysroot" "$@"
