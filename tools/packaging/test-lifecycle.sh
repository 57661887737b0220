#!/usr/bin/env bash
# Install / upgrade / remove / purge of the audioedge package, with real dpkg and real maintainer scripts.
# Meant to run as root inside a throwaway root (tools/packaging/throwaway-root.sh): it installs packages and
# creates users. Prints one "ok - ..." or "not ok - ..." line per check (TAP); exit status 1 when any failed.
#
#   test-lifecycle.sh full DEB       install, edit config, upgrade (same conffile), upgrade (new default conffile,
#                                    --force-confold), remove, purge
#   test-lifecycle.sh foreign DEB    a package of a foreign architecture (arm64 on an amd64 host): install with
#                                    --force-depends (its arm64 libraries are not all installed), check, purge
set -uo pipefail

mode="$1" deb="$2"
work="$(mktemp -d)"
failures=0 n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
bad() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $*"; }
check() { local what="$1"; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }
status() { dpkg-query -W -f='${db:Status-Abbrev}' audioedge 2>/dev/null | tr -d ' '; }
version() { dpkg-query -W -f='${Version}' audioedge 2>/dev/null; }
run_dpkg() {
  local log="$work/dpkg.log"
  if dpkg "$@" </dev/null >"$log" 2>&1; then ok "dpkg $*"; else bad "dpkg $* (exit $?)"; sed 's/^/#   /' "$log"; fi
}
conf=/etc/audioedge/audioedge.json
state=/var/lib/audioedge

# repack DEB VERSION OUT [sed expression applied to the default configuration]: the same package with another version.
repack() {
  local dir="$work/repack"
  rm -rf "$dir"
  dpkg-deb -R "$1" "$dir"
  sed -i "s/^Version: .*/Version: $2/" "$dir/DEBIAN/control"
  if [[ -n "${4:-}" ]]; then
    sed -i "$4" "$dir$conf"
  fi
  dpkg-deb --root-owner-group -Zgzip -z1 -b "$dir" "$3" >/dev/null
  rm -rf "$dir"
}

installed_checks() {
  check "status installed" test "$(status)" = ii
  check "program executable" test -x /usr/lib/audioedge/audioedge
  check "/usr/bin/audioedge -> program" test "$(readlink -f /usr/bin/audioedge)" = /usr/lib/audioedge/audioedge
  check "model manifest installed" test -f /usr/lib/audioedge/models/manifest.json
  check "unit installed" test -f /lib/systemd/system/audioedge.service
  check "ALSA definitions installed" grep -q audioedge_mic /etc/alsa/conf.d/50-audioedge.conf
  check "copyright and changelog" test -f /usr/share/doc/audioedge/copyright -a -f /usr/share/doc/audioedge/changelog.gz
  check "man page" test -f /usr/share/man/man1/audioedge.1.gz
  check "system user audioedge" sh -c 'uid=$(id -u audioedge) && [ "$uid" -lt 1000 ] && [ "$(getent passwd audioedge | cut -d: -f7)" = /usr/sbin/nologin ]'
  check "user in group audio" sh -c 'id -nG audioedge | tr " " "\n" | grep -qx audio'
  check "config root:audioedge 0640" test "$(stat -c '%U:%G %a' $conf)" = "root:audioedge 640"
  check "service enabled (multi-user.target.wants)" test -L /etc/systemd/system/multi-user.target.wants/audioedge.service
}

if [[ "$mode" == full ]]; then
  # A gpio group, as on Raspberry Pi OS: the package must add the user to it.
  getent group gpio >/dev/null || addgroup --system --quiet gpio
  run_dpkg -i "$deb"
  v1="$(version)"
  installed_checks
  check "user in group gpio" sh -c 'id -nG audioedge | tr " " "\n" | grep -qx gpio'
  check "unit passes systemd-analyze verify" systemd-analyze verify /lib/systemd/system/audioedge.service
  # What systemd's StateDirectory= would create, then the daemon's own start-up check as the service user:
  # it reads the 0640 configuration, verifies the model and opens the outbox. Emptied first: the throwaway root
  # is an overlay of the host, and a host that once ran `audioedge run` as root has a root-owned outbox there.
  rm -rf "$state"
  install -d -o audioedge -g audioedge -m 0750 "$state"
  if out="$(runuser -u audioedge -- env STATE_DIRECTORY="$state" /usr/bin/audioedge run --check 2>&1)"; then
    ok "audioedge run --check as user audioedge with the packaged config: $out"
  else
    bad "audioedge run --check as user audioedge"; echo "$out" | sed 's/^/#   /'
  fi
  check "outbox created in the state directory" test -f "$state/outbox.db"

  # The administrator sets the broker.
  sed -i 's/"Host": "localhost"/"Host": "broker.example.lan"/' "$conf"
  check "config edited" grep -q broker.example.lan "$conf"

  repack "$deb" "$v1+upgrade1" "$work/v2.deb"
  run_dpkg -i "$work/v2.deb"
  check "upgraded to $v1+upgrade1" test "$(version)" = "$v1+upgrade1"
  installed_checks
  check "edited config kept across the upgrade" grep -q broker.example.lan "$conf"
  check "no .dpkg-dist (conffile unchanged in the package)" test ! -e "$conf.dpkg-dist"
  check "outbox kept across the upgrade" test -f "$state/outbox.db"

  # The next version changes the default configuration: dpkg would ask; unattended upgrades keep the local file.
  repack "$deb" "$v1+upgrade2" "$work/v3.deb" 's|^{|// changed default\n{|'
  run_dpkg -i --force-confdef --force-confold "$work/v3.deb"
  check "upgraded to $v1+upgrade2" test "$(version)" = "$v1+upgrade2"
  check "edited config kept (--force-confold)" grep -q broker.example.lan "$conf"
  check "new default beside it as .dpkg-dist" grep -q "changed default" "$conf.dpkg-dist"
  check "config still root:audioedge 0640" test "$(stat -c '%U:%G %a' $conf)" = "root:audioedge 640"

  run_dpkg -r audioedge
  check "status config-files after remove" test "$(status)" = rc
  check "program removed" test ! -e /usr/lib/audioedge
  check "/usr/bin/audioedge removed" test ! -e /usr/bin/audioedge -a ! -L /usr/bin/audioedge
  check "unit removed" test ! -e /lib/systemd/system/audioedge.service
  check "config kept after remove" grep -q broker.example.lan "$conf"
  check "state kept after remove" test -f "$state/outbox.db"
  check "user kept after remove" getent passwd audioedge

  run_dpkg -P audioedge
  check "not installed after purge" test -z "$(status)" -o "$(status)" = un -o "$(status)" = pn
  check "config directory removed" test ! -e /etc/audioedge
  check "ALSA definitions removed" test ! -e /etc/alsa/conf.d/50-audioedge.conf
  check "state directory removed" test ! -e "$state"
  check "user removed" sh -c '! getent passwd audioedge'
  check "group removed" sh -c '! getent group audioedge'
  check "no stat override left" sh -c '! dpkg-statoverride --list /etc/audioedge/audioedge.json'
  check "enable symlink removed" test ! -e /etc/systemd/system/multi-user.target.wants/audioedge.service
elif [[ "$mode" == foreign ]]; then
  run_dpkg -i --force-depends "$deb"
  check "status installed" test "$(status)" = ii
  check "program is an arm64 executable" sh -c 'od -An -tx1 -j18 -N2 /usr/lib/audioedge/audioedge | grep -q "b7 00"'
  check "native libraries are arm64" sh -c 'for f in /usr/lib/audioedge/*.so; do od -An -tx1 -j18 -N2 "$f" | grep -q "b7 00" || exit 1; done'
  check "system user audioedge" getent passwd audioedge
  check "service enabled (multi-user.target.wants)" test -L /etc/systemd/system/multi-user.target.wants/audioedge.service
  run_dpkg -P audioedge
  check "purged: program, config and user gone" sh -c '[ ! -e /usr/lib/audioedge ] && [ ! -e /etc/audioedge ] && ! getent passwd audioedge'
else
  echo "usage: $0 full|foreign DEB" >&2
  exit 2
fi

rm -rf "$work"
echo "1..$n"
(( failures == 0 ))
