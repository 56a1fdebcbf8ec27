# Seaworthy's container image, for CI systems that run jobs in containers (GitLab, Jenkins, Tekton…).
# Build it from the npm tarball (the CLI is one self-contained bundle), in a clone of this repository:
#   npm ci && npm pack && docker build -t seaworthy .
# Then: docker run --rm -v "$PWD:/src" seaworthy lint .        (CMD: lint the mounted folder)
# Tested by test/ship/container.sh (buildah, a Debian base, seaworthy lint run inside the image).
FROM debian:trixie-slim

LABEL org.opencontainers.image.title="Seaworthy" \
      org.opencontainers.image.description="Lints Dockerfiles for production best practices" \
      org.opencontainers.image.source="https://github.com/seaworthy-dev/seaworthy" \
      org.opencontainers.image.licenses="MIT"

# Node.js to run the CLI (Debian 13 has Node 20, which package.json's engines asks for), ShellCheck for the RUN scripts
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs shellcheck \
 && rm -rf /var/lib/apt/lists/*

# the tarball npm pack wrote (the build context holds nothing else, see .dockerignore); ADD unpacks a local archive
ADD seaworthy-*.tgz /opt/
RUN mv /opt/package /opt/seaworthy \
 && chmod 755 /opt/seaworthy/dist/cli.js /opt/seaworthy/dist/server.js \
 && ln -s /opt/seaworthy/dist/cli.js /usr/local/bin/seaworthy \
 && ln -s /opt/seaworthy/dist/server.js /usr/local/bin/seaworthy-language-server

USER nobody
WORKDIR /src
ENTRYPOINT ["seaworthy"]
CMD ["lint", "."]
