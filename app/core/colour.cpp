#include "colour.hpp"

#include <algorithm>
#include <cmath>

namespace atlas {

namespace {

double to_linear(std::uint8_t v) {
    const double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

std::uint8_t to_srgb(double c) {
    c = std::clamp(c, 0.0, 1.0);
    const double v = c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055;
    return std::uint8_t(std::lround(v * 255));
}

constexpr double kPi = 3.14159265358979323846;
double deg(double rad) { return rad * 180 / kPi; }
double rad(double deg) { return deg * kPi / 180; }

}  // namespace

Lab to_lab(Rgba c) {
    const double r = to_linear(c.r), g = to_linear(c.g), b = to_linear(c.b);
    // sRGB to XYZ (D65), normalised by the D65 white.
    const double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
    const double y = (0.2126729 * r + 0.7151522 * g + 0.0721750 * b) / 1.0;
    const double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
    auto f = [](double t) { return t > 216.0 / 24389 ? std::cbrt(t) : (24389.0 / 27 * t + 16) / 116; };
    const double fx = f(x), fy = f(y), fz = f(z);
    return {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

double delta_e2000(const Lab& p, const Lab& q) {
    const double c1 = std::hypot(p.a, p.b), c2 = std::hypot(q.a, q.b);
    const double cm = (c1 + c2) / 2;
    const double cm7 = std::pow(cm, 7);
    const double g = 0.5 * (1 - std::sqrt(cm7 / (cm7 + std::pow(25.0, 7))));
    const double a1 = (1 + g) * p.a, a2 = (1 + g) * q.a;
    const double c1p = std::hypot(a1, p.b), c2p = std::hypot(a2, q.b);
    auto hue = [](double b, double a) {
        if (a == 0 && b == 0) return 0.0;
        double h = deg(std::atan2(b, a));
        return h < 0 ? h + 360 : h;
    };
    const double h1 = hue(p.b, a1), h2 = hue(q.b, a2);
    const double dl = q.L - p.L, dc = c2p - c1p;
    double dh = 0;
    if (c1p * c2p != 0) {
        dh = h2 - h1;
        if (dh > 180) dh -= 360;
        if (dh < -180) dh += 360;
    }
    const double dhh = 2 * std::sqrt(c1p * c2p) * std::sin(rad(dh / 2));
    const double lm = (p.L + q.L) / 2, cmp = (c1p + c2p) / 2;
    double hm = h1 + h2;
    if (c1p * c2p != 0) {
        if (std::abs(h1 - h2) <= 180)
            hm = (h1 + h2) / 2;
        else
            hm = (h1 + h2 < 360) ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
    }
    const double t = 1 - 0.17 * std::cos(rad(hm - 30)) + 0.24 * std::cos(rad(2 * hm)) +
                     0.32 * std::cos(rad(3 * hm + 6)) - 0.20 * std::cos(rad(4 * hm - 63));
    const double dtheta = 30 * std::exp(-std::pow((hm - 275) / 25, 2));
    const double cmp7 = std::pow(cmp, 7);
    const double rc = 2 * std::sqrt(cmp7 / (cmp7 + std::pow(25.0, 7)));
    const double sl = 1 + 0.015 * std::pow(lm - 50, 2) / std::sqrt(20 + std::pow(lm - 50, 2));
    const double sc = 1 + 0.045 * cmp, sh = 1 + 0.015 * cmp * t;
    const double rt = -std::sin(rad(2 * dtheta)) * rc;
    return std::sqrt(std::pow(dl / sl, 2) + std::pow(dc / sc, 2) + std::pow(dhh / sh, 2) + rt * (dc / sc) * (dhh / sh));
}

Rgba simulate_deuteranopia(Rgba c) {
    const double r = to_linear(c.r), g = to_linear(c.g), b = to_linear(c.b);
    // Machado et al. 2009, deuteranomaly at severity 1.0.
    const double r2 = 0.367322 * r + 0.860646 * g - 0.227968 * b;
    const double g2 = 0.280085 * r + 0.672501 * g + 0.047413 * b;
    const double b2 = -0.011820 * r + 0.042940 * g + 0.968881 * b;
    return {to_srgb(r2), to_srgb(g2), to_srgb(b2), c.a};
}

Rgba to_greyscale(Rgba c) {
    const double y = 0.2126 * to_linear(c.r) + 0.7152 * to_linear(c.g) + 0.0722 * to_linear(c.b);
    const std::uint8_t v = to_srgb(y);
    return {v, v, v, c.a};
}

Rgba mix(Rgba a, Rgba b, double t) {
    auto m = [t](std::uint8_t x, std::uint8_t y) { return std::uint8_t(std::lround(x * (1 - t) + y * t)); };
    return {m(a.r, b.r), m(a.g, b.g), m(a.b, b.b), m(a.a, b.a)};
}

}  // namespace atlas
