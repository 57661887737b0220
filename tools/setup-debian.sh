#!/usr/bin/env bash
# Installs the Debian 12 packages that AudioEdge's build and tests need.
# Idempotent and fast when everything is present: it asks dpkg first and runs
# `apt-get update` / `apt-get install` only for what is missing.
#
#   host:  alsa-utils libasound2 sox qemu-user-static mosquitto mosquitto-clients python3-numpy
#          python3-torch python3-onnx (training pipeline smoke test) espeak-ng (speech negatives)
#          lintian file (packages: build.cake Package), systemd init-system-helpers adduser (package tests:
#          systemd-analyze, deb-systemd-helper and adduser run by the maintainer scripts in a throwaway root),
#          openssl (the MQTT TLS tests make their CA and certificates with it),
#          clang lld llvm zlib1g-dev (the packages are NativeAOT builds: clang links; lld and llvm-objcopy
#          because GNU ld/objcopy on Debian know only the host when cross-linking for arm64)
#   arm64: libc6 libstdc++6 libgcc-s1 zlib1g libasound2 libssl3 (multiarch, for qemu-aarch64-static -L /; .NET's
#          crypto needs libssl, e.g. for MQTT over TLS), libc6-dev libstdc++-12-dev zlib1g-dev (the arm64
#          NativeAOT link)
set -euo pipefail

die() { echo "setup-debian: error: $*" >&2; exit 1; }

command -v dotnet >/dev/null 2>&1 \
  || die "dotnet not found on PATH; install the .NET 10 SDK (see global.json) first"
command -v dpkg-query >/dev/null 2>&1 \
  || die "dpkg-query not found; this script supports Debian 12 only"

host_packages=(alsa-utils libasound2 sox qemu-user-static mosquitto mosquitto-clients python3-numpy python3-torch python3-onnx espeak-ng
  lintian file binutils systemd init-system-helpers adduser openssl clang lld llvm zlib1g-dev)
arm64_packages=(libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 zlib1g:arm64 libasound2:arm64 libssl3:arm64
  libc6-dev:arm64 libstdc++-12-dev:arm64 zlib1g-dev:arm64)

native_arch="$(dpkg --print-architecture)"

# installed NAME -> 0 when NAME is installed ("ii"). NAME without ":arch" means the
# native or the "all" architecture (dpkg-query does not match "pkg:amd64" for arch-all packages).
installed() {
  local name="$1"
  if [[ "$name" == *:* ]]; then
    [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$name" 2>/dev/null)" == ii* ]]
  else
    dpkg-query -W -f='${Architecture} ${db:Status-Abbrev}\n' "$name" 2>/dev/null \
      | grep -Eq "^($native_arch|all) ii"
  fi
}

need_arch=0
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  need_arch=1
fi

missing=()
for p in "${host_packages[@]}" "${arm64_packages[@]}"; do
  installed "$p" || missing+=("$p")
done

if (( need_arch == 0 && ${#missing[@]} == 0 )); then
  echo "setup-debian: all packages present"
  exit 0
fi

if (( EUID != 0 )); then
  what="${missing[*]}"
  (( need_arch )) && what="arm64 architecture (dpkg --add-architecture arm64) ${what}"
  die "not root and missing: ${what}; run 'sudo tools/setup-debian.sh'"
fi

if (( need_arch )); then
  echo "setup-debian: dpkg --add-architecture arm64"
  dpkg --add-architecture arm64
fi

echo "setup-debian: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Installing libc6:arm64 may pull a matching libc6 update for the host (Multi-Arch: same).
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

for p in "${missing[@]}"; do
  installed "$p" || die "apt-get did not install $p"
done
echo "setup-debian: done"
