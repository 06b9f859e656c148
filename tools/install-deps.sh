#!/bin/sh
# Installs the Debian packages safi needs to build, document and test itself.
set -eu
if [ "$(id -u)" != 0 ]; then
	exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
	build-essential pkg-config \
	libicu-dev icu-devtools libutf8proc-dev \
	zlib1g-dev libzstd-dev liblzma-dev libbz2-dev gzip zstd xz-utils bzip2 jq \
	unicode-data scdoc mandoc faketime \
	parallel perl python3 jq \
	slurm-wlm munge openssh-server openssh-client \
	clang libclang-rt-14-dev valgrind bc time hyperfine \
	libssl-dev >/dev/null
