#!/bin/sh
# Builds target/pulsar-source-nar-0.1.0.nar with the layout Pulsar reads from a NAR:
#   META-INF/MANIFEST.MF                          Nar-Id, Nar-Group, Nar-Version
#   META-INF/services/pulsar-io.yaml              name, sourceClass, sourceConfigClass
#   META-INF/bundled-dependencies/<name>.jar      the classes (and, in real projects, the deps)
# Real projects use nifi-nar-maven-plugin (<packaging>nar</packaging>); Debian does not package
# it, so this example makes the same zip with the JDK's javac and jar.
set -eu
cd "$(dirname "$0")"
NAME=pulsar-source-nar
VERSION=0.1.0
DATE=2024-01-01T00:00:00Z

rm -rf target
mkdir -p target/classes target/nar/META-INF/bundled-dependencies target/nar/META-INF/services
javac --release 17 -d target/classes $(find src/main/java -name '*.java' | sort)
jar --create --date="$DATE" --file "target/nar/META-INF/bundled-dependencies/$NAME-$VERSION.jar" \
  -C target/classes .
cp src/main/resources/META-INF/services/pulsar-io.yaml target/nar/META-INF/services/
printf 'Nar-Id: %s\nNar-Group: com.example\nNar-Version: %s\n' "$NAME" "$VERSION" > target/MANIFEST.MF
jar --create --date="$DATE" --file "target/$NAME-$VERSION.nar" --manifest target/MANIFEST.MF \
  -C target/nar .
echo "target/$NAME-$VERSION.nar"
