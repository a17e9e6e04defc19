#!/bin/sh
# Prints the SwiftPM flags that let the release build use this CPU's vector instructions.
#
# Package.swift stays free of unsafeFlags (SwiftPM refuses them in a package used as a
# dependency), so the choice is made here, at build time, by the Makefile: on an x86-64 CPU
# that has AVX2, FMA, BMI2 and MOVBE (the x86-64-v3 level) the Swift and C code is compiled for
# the "haswell" CPU (the oldest CPU name with exactly those; the Swift 6.3 toolchain's clang
# importer does not accept "x86-64-v3" as -target-cpu); otherwise nothing is printed and the build stays baseline x86-64 (SSE2), which
# runs anywhere. Override with HRA_CPU_FLAGS="" (baseline) or any other flags.
if [ -n "${HRA_CPU_FLAGS+x}" ]; then
  printf '%s\n' "$HRA_CPU_FLAGS"
  exit 0
fi
[ "$(uname -m)" = "x86_64" ] || exit 0
[ -r /proc/cpuinfo ] || exit 0
flags=$(grep -m1 '^flags' /proc/cpuinfo)
for f in avx2 fma bmi2 movbe; do
  case " $flags " in *" $f "*) ;; *) exit 0 ;; esac
done
printf '%s\n' "-Xswiftc -target-cpu -Xswiftc haswell -Xcc -march=haswell"
