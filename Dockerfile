# The image `rehearse k8s` runs (README "Running on several machines"): the `rehearse` binary with the Swift
# standard library and Foundation linked in statically, on a slim Debian with only libcurl and CA certificates.
#
#   docker build -t registry.example/rehearse:0.2 .
#   docker run --rm registry.example/rehearse:0.2 --version
#
# The build stage resolves the Swift packages from GitHub (Package.swift's URLs), so it needs network access.
FROM swift:6.3-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4-openssl-dev zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
# Package.swift declares the test targets too; SwiftPM wants their folders to exist.
COPY Tests ./Tests
RUN swift build -c release --product rehearse --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/rehearse" /usr/local/bin/rehearse

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4 ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /work --create-home rehearse
COPY --from=build /usr/local/bin/rehearse /usr/local/bin/rehearse
USER 10001
WORKDIR /work
ENTRYPOINT ["rehearse"]
CMD ["--help"]
