#!/usr/bin/env bash
# Builds the audioedge .deb for one architecture from a self-contained `dotnet publish` output.
#
#   tools/packaging/build-deb.sh --publish DIR --arch arm64|amd64 --version VERSION --out DIR
#                                [--compression xz|gzip] [--level N]
#
# Layout: /usr/lib/audioedge/ (the program, its runtime and models/), /usr/bin/audioedge -> ../lib/audioedge/audioedge,
# /lib/systemd/system/audioedge.service, /etc/audioedge/audioedge.json and /etc/alsa/conf.d/50-audioedge.conf
# (conffiles), /usr/share/doc/audioedge/, /usr/share/man/man1/audioedge.1.gz, lintian overrides.
# Maintainer scripts and control fields are in tools/packaging/debian/; the firmware files in firmware/.
# Prints the path of the .deb on its last line. Needs dpkg-deb (no root: files are owned root:root via
# --root-owner-group).
set -euo pipefail

die() { echo "build-deb: error: $*" >&2; exit 2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
publish= arch= version= out= compression=xz level=6
while (( $# )); do
  case "$1" in
    --publish) publish="$2"; shift 2 ;;
    --arch) arch="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --compression) compression="$2"; shift 2 ;;
    --level) level="$2"; shift 2 ;;
    *) die "unknown argument $1" ;;
  esac
done
[[ -n "$publish" && -n "$arch" && -n "$version" && -n "$out" ]] || die "usage: $0 --publish DIR --arch ARCH --version V --out DIR"
[[ -x "$publish/audioedge" ]] || die "$publish/audioedge not found (dotnet publish first)"
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || die "not a Debian version: $version"
case "$arch" in
  arm64) elf="ARM aarch64" ;;
  amd64) elf="x86-64" ;;
  *) die "--arch must be arm64 or amd64" ;;
esac
file -L "$publish/audioedge" | grep -q "$elf" || die "$publish/audioedge is not a $arch executable"

mkdir -p "$out"
out="$(cd "$out" && pwd)"
stage="$out/stage-$arch"
rm -rf "$stage"
lib="$stage/usr/lib/audioedge"
doc="$stage/usr/share/doc/audioedge"
mkdir -p "$lib" "$stage/usr/bin" "$stage/lib/systemd/system" "$stage/etc/audioedge" "$stage/etc/alsa/conf.d" \
  "$doc" "$stage/usr/share/man/man1" "$stage/usr/share/lintian/overrides" "$stage/DEBIAN"

# The program: the NativeAOT executable and the native libraries it loads (ONNX Runtime, SQLite, Skia for the
# spectrogram command). Left out: debug symbols (audioedge.dbg, the stripped executable's symbols, and .pdb files;
# they stay in the publish directory for crash analysis) and the model card with its evaluation pictures
# (models/MODEL_CARD.md goes to /usr/share/doc).
cp -a "$publish/." "$lib/"
find "$lib" \( -name '*.pdb' -o -name '*.dbg' \) -delete
! compgen -G "$lib/*.dll" >/dev/null || die "$publish holds .dll files: not a NativeAOT publish (-p:PublishAot=true)"
rm -rf "$lib/models/evaluation" "$lib/models/MODEL_CARD.md"
[[ -f "$lib/models/manifest.json" ]] || die "$publish has no models/manifest.json"

ln -s ../lib/audioedge/audioedge "$stage/usr/bin/audioedge"
install -m 0644 "$repo/firmware/audioedge.service" "$stage/lib/systemd/system/audioedge.service"
install -m 0644 "$repo/firmware/audioedge.json" "$stage/etc/audioedge/audioedge.json"
install -m 0644 "$repo/firmware/alsa/50-audioedge.conf" "$stage/etc/alsa/conf.d/50-audioedge.conf"
install -m 0644 "$repo/firmware/README.md" "$doc/README.firmware.md"
install -m 0644 "$repo/models/MODEL_CARD.md" "$doc/MODEL_CARD.md"
install -m 0644 "$here/debian/copyright" "$doc/copyright"
gzip -9n <"$here/debian/audioedge.1" >"$stage/usr/share/man/man1/audioedge.1.gz"
install -m 0644 "$here/debian/lintian-overrides" "$stage/usr/share/lintian/overrides/audioedge"
{
  echo "audioedge ($version) unstable; urgency=medium"
  echo
  echo "  * Release $version: see the project's git history."
  echo
  # A fixed date: the same inputs give the same package.
  echo " -- AudioEdge <audioedge@example.org>  Wed, 25 Nov 2026 00:00:00 +0000"
} | gzip -9n >"$doc/changelog.gz"

# Permissions: directories and data 0755/0644; ELF executables 0755; shared libraries 0644 (Debian policy 8.1).
find "$stage" -path "$stage/DEBIAN" -prune -o -type d -exec chmod 0755 {} +
find "$stage" -path "$stage/DEBIAN" -prune -o -type f -exec chmod 0644 {} +
chmod 0755 "$lib/audioedge"

for script in postinst prerm postrm; do
  install -m 0755 "$here/debian/$script" "$stage/DEBIAN/$script"
done
install -m 0644 "$here/debian/conffiles" "$stage/DEBIAN/conffiles"
installed_size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
  "$here/debian/control.in" >"$stage/DEBIAN/control"
chmod 0644 "$stage/DEBIAN/control"
(cd "$stage" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z \
  | xargs -0 md5sum) >"$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/md5sums"

deb="$out/audioedge_${version}_${arch}.deb"
rm -f "$deb"
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795564800}" \
  dpkg-deb --root-owner-group -Z"$compression" -z"$level" --build "$stage" "$deb" >/dev/null
rm -rf "$stage"
echo "$deb"
