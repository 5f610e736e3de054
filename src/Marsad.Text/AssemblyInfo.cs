using System.Runtime.CompilerServices;

// Hot text code uses stackalloc scratch buffers that it always writes before reading.
[module: SkipLocalsInit]
