#!/usr/bin/env bash
# Runs a command as root inside a throwaway copy of this machine's root file system, in which dpkg, adduser,
# deb-systemd-helper and the package's maintainer scripts can do real work without changing the host.
#
#   tools/packaging/throwaway-root.sh [--bind HOSTDIR:ROOTDIR]... -- COMMAND [ARGS...]
#
# How: a private mount namespace (unshare -m; needs root), a tmpfs, an overlay with the host's root file system
# as the read-only lower layer and the tmpfs as the upper layer, /proc, /dev and /sys inside it, then chroot.
# Every write (dpkg database, /etc/passwd, /usr/lib/audioedge ...) lands in the tmpfs and vanishes with the
# namespace. Limits: only the root file system is the lower layer (other mounts, e.g. a separate /var or /usr,
# would appear empty); systemd is not running inside (/run/systemd/system absent), so maintainer scripts enable
# the unit (symlinks) but do not start it, exactly as in an image build.
set -euo pipefail

die() { echo "throwaway-root: error: $*" >&2; exit 2; }

binds=()
while (( $# )); do
  case "$1" in
    --bind) binds+=("$2"); shift 2 ;;
    --) shift; break ;;
    *) die "unknown argument $1 (usage: $0 [--bind HOST:ROOT]... -- COMMAND...)" ;;
  esac
done
(( $# >= 1 )) || die "no command"
(( EUID == 0 )) || die "needs root (unshare -m, mount)"

if [[ "${THROWAWAY_ROOT_INNER:-0}" != "1" ]]; then
  export THROWAWAY_ROOT_INNER=1
  bind_args=()
  for b in "${binds[@]}"; do bind_args+=(--bind "$b"); done
  exec unshare --mount --propagation private -- "$0" "${bind_args[@]}" -- "$@"
fi

base="$(mktemp -d /tmp/throwaway-root.XXXXXX)"
mount -t tmpfs -o size=2g,mode=0755 throwaway "$base"
mkdir -p "$base/upper" "$base/work" "$base/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$base/upper,workdir=$base/work" "$base/root" \
  || die "overlay mount failed (kernel without overlayfs, or not allowed in this container)"
root="$base/root"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount --rbind /sys "$root/sys"
# A clean /run and /tmp: no host sockets, no /run/systemd/system (systemd "not running").
mount -t tmpfs tmpfs "$root/run"
mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
for b in "${binds[@]}"; do
  host="${b%%:*}" inside="${b#*:}"
  mkdir -p "$root$inside"
  mount --bind "$host" "$root$inside"
done

set +e
chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
rc=$?
set -e
# Leaving the namespace unmounts everything; the mount point directory is all that stays behind.
umount -l "$base" 2>/dev/null || true
rmdir "$base" 2>/dev/null || true
exit $rc
