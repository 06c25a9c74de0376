// Image helpers for tests: GDAL PNG reading and a YIQ-threshold comparison that ignores
// anti-aliased pixels, following the semantics of pixelmatch.
#include "image.hpp"

#include <gdal_priv.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "geo/load.hpp"

namespace atlas::test {

Image read_png(const std::string& path) {
    init_gdal();
    Image img;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) return img;
    img.width = ds->GetRasterXSize();
    img.height = ds->GetRasterYSize();
    const int bands = ds->GetRasterCount();
    img.rgba.assign(size_t(img.width) * size_t(img.height) * 4, 255);
    for (int b = 0; b < std::min(bands, 4); ++b) {
        if (ds->GetRasterBand(b + 1)->RasterIO(GF_Read, 0, 0, img.width, img.height, img.rgba.data() + b, img.width,
                                               img.height, GDT_Byte, 4, img.width * 4) != CE_None)
            return {};
    }
    if (bands == 1)  // grey: copy to G and B
        for (size_t i = 0; i < img.rgba.size(); i += 4) img.rgba[i + 1] = img.rgba[i + 2] = img.rgba[i];
    return img;
}

double png_dpi(const std::string& path) {
    // Walks the chunks (length, type, data, CRC) up to the image data: pHYs comes before it.
    std::ifstream f(path, std::ios::binary);
    char sig[8];
    if (!f.read(sig, 8)) return 0;
    unsigned char head[8];
    while (f.read(reinterpret_cast<char*>(head), 8)) {
        const std::uint32_t len = std::uint32_t(head[0]) << 24 | std::uint32_t(head[1]) << 16 |
                                  std::uint32_t(head[2]) << 8 | std::uint32_t(head[3]);
        const std::string type(reinterpret_cast<char*>(head) + 4, 4);
        if (type == "IDAT") return 0;
        if (type == "pHYs" && len == 9) {
            unsigned char d[9];
            if (!f.read(reinterpret_cast<char*>(d), 9) || d[8] != 1) return 0;  // unit 1: metre
            const std::uint32_t ppm = std::uint32_t(d[0]) << 24 | std::uint32_t(d[1]) << 16 |
                                      std::uint32_t(d[2]) << 8 | std::uint32_t(d[3]);
            return ppm * 0.0254;
        }
        f.seekg(std::streamoff(len) + 4, std::ios::cur);
    }
    return 0;
}

namespace {

double yiq_y(const std::uint8_t* p) { return p[0] * 0.29889531 + p[1] * 0.58662247 + p[2] * 0.11448223; }

// Squared YIQ distance between two opaque pixels (largest possible value: 35215).
double yiq_delta(const std::uint8_t* a, const std::uint8_t* b) {
    const double y = yiq_y(a) - yiq_y(b);
    const double i = (a[0] * 0.59597799 - a[1] * 0.27417610 - a[2] * 0.32180189) -
                     (b[0] * 0.59597799 - b[1] * 0.27417610 - b[2] * 0.32180189);
    const double q = (a[0] * 0.21147017 - a[1] * 0.52261711 + a[2] * 0.31114694) -
                     (b[0] * 0.21147017 - b[1] * 0.52261711 + b[2] * 0.31114694);
    return 0.5053 * y * y + 0.299 * i * i + 0.1957 * q * q;
}

bool same(const std::uint8_t* a, const std::uint8_t* b) { return a[0] == b[0] && a[1] == b[1] && a[2] == b[2]; }

// True if the pixel at (x, y) has at least three identical neighbours: it lies inside a flat area.
bool many_siblings(const Image& img, int x, int y) {
    int n = 0;
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
            const int nx = x + dx, ny = y + dy;
            if ((dx || dy) && nx >= 0 && ny >= 0 && nx < img.width && ny < img.height && same(img.at(x, y), img.at(nx, ny)))
                ++n;
        }
    return n >= 3;
}

// A pixel of `a` is anti-aliasing when its neighbours include both a darker and a brighter one,
// and one of those extremes sits in a flat area of both images (an edge between two flat areas).
bool antialiased(const Image& a, const Image& b, int x, int y) {
    const double y0 = yiq_y(a.at(x, y));
    double lo = 0, hi = 0;
    int lx = -1, ly = -1, hx = -1, hy = -1, zeroes = 0;
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
            const int nx = x + dx, ny = y + dy;
            if ((!dx && !dy) || nx < 0 || ny < 0 || nx >= a.width || ny >= a.height) continue;
            const double d = yiq_y(a.at(nx, ny)) - y0;
            if (d == 0) {
                if (++zeroes > 2) return false;
            } else if (d < lo) {
                lo = d;
                lx = nx;
                ly = ny;
            } else if (d > hi) {
                hi = d;
                hx = nx;
                hy = ny;
            }
        }
    if (lo == 0 || hi == 0) return false;
    return (many_siblings(a, lx, ly) && many_siblings(b, lx, ly)) || (many_siblings(a, hx, hy) && many_siblings(b, hx, hy));
}

}  // namespace

Comparison compare(const Image& expected, const Image& actual, double threshold) {
    Comparison c;
    c.diff = expected;
    if (expected.width != actual.width || expected.height != actual.height) {
        c.differing = long(expected.width) * expected.height;
        c.fraction = 1;
        return c;
    }
    const double max_delta = 35215.0 * threshold * threshold;
    for (int y = 0; y < expected.height; ++y)
        for (int x = 0; x < expected.width; ++x) {
            std::uint8_t* d = &c.diff.rgba[(size_t(y) * size_t(expected.width) + size_t(x)) * 4];
            const bool differs = yiq_delta(expected.at(x, y), actual.at(x, y)) > max_delta &&
                                 !antialiased(expected, actual, x, y) && !antialiased(actual, expected, x, y);
            if (differs) {
                ++c.differing;
                d[0] = 255;
                d[1] = d[2] = 0;
            } else {
                const auto grey = std::uint8_t(255 - (255 - yiq_y(d)) * 0.1);  // faded context
                d[0] = d[1] = d[2] = grey;
            }
            d[3] = 255;
        }
    c.fraction = double(c.differing) / (double(expected.width) * expected.height);
    return c;
}

}  // namespace atlas::test
