// The C boundary of GroningenHRA: CBLAS (OpenBLAS) and LAPACKE (Debian bookworm:
// liblapacke-dev, libopenblas-dev). Imported by Sources/HRA/LinearAlgebra/LinearAlgebra.swift only.
#ifndef GRONINGENHRA_CLAPACK_SHIM_H
#define GRONINGENHRA_CLAPACK_SHIM_H
#include <cblas.h>
#include <lapacke.h>
// OpenBLAS thread control (declared in OpenBLAS's cblas.h; repeated for other providers).
void openblas_set_num_threads(int num_threads);
#endif
