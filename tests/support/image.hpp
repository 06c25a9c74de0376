// PNG reading through GDAL and a pixelmatch-style comparison for render tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace atlas::test {

struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;  // top row first
    const std::uint8_t* at(int x, int y) const { return &rgba[(size_t(y) * size_t(width) + size_t(x)) * 4]; }
};

// Reads a PNG (RGB or RGBA); returns an empty image if the file cannot be read.
Image read_png(const std::string& path);
// The print resolution a PNG states in its pHYs chunk, in dots per inch (0: none stated).
double png_dpi(const std::string& path);

struct Comparison {
    long differing = 0;  // pixels over the colour threshold that are not anti-aliasing
    double fraction = 0; // differing / all pixels
    Image diff;          // differing pixels red over a faded copy of `expected`
};

// Compares like pixelmatch: a pixel differs when its YIQ colour distance exceeds `threshold`
// (0..1, as a fraction of the largest possible distance) unless it lies on an anti-aliased edge
// in either image. The images must have the same size.
Comparison compare(const Image& expected, const Image& actual, double threshold = 0.1);

}  // namespace atlas::test
