// Map style as data: colours and sizes the frame builder turns into a Frame.
// Pure C++. Sizes are logical pixels, multiplied by the frame's pixel scale.
#pragma once

#include <array>
#include <cstdint>

namespace atlas {

struct Rgba {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
    friend bool operator==(Rgba, Rgba) = default;
};

struct LineStyle {
    Rgba colour;
    float width_px = 1.0f;  // full width in logical pixels
};

struct TextStyle {
    Rgba colour;
    Rgba halo;
    float size_px = 13.0f;  // em size in logical pixels
    float halo_px = 2.0f;   // halo thickness in logical pixels
};

// The style in framebuffer pixels at `k` framebuffer pixels per logical one.
inline LineStyle scaled(LineStyle s, float k) {
    s.width_px *= k;
    return s;
}
inline TextStyle scaled(TextStyle t, float k) {
    t.size_px *= k;
    t.halo_px *= k;
    return t;
}

// A pattern drawn over a country's fill: which one says the country's standing in the SCO family,
// so that it reads in greyscale and to colour-blind viewers as well as the fill's colour does.
enum class Hatch : std::uint8_t {
    None = 0,
    Dense = 1,   // diagonal lines, wide: member
    Sparse = 2,  // diagonal lines, thin: observer
    Dots = 3,    // a grid of dots: dialogue partner
    Cross = 4,   // thin lines both ways: partner (the merged status from 2025)
};

// Membership overlays: the fill says the CSTO family (the CST until 2002, then the CSTO), the
// hatch the SCO family (the Shanghai Five 1996-2001, then the SCO). Blue and dark orange stay
// apart for deuteranopes; the fills step in lightness for greyscale, and the hatch is darker than
// every fill (tests/geo/facts_load_test.cpp checks the differences).
struct OverlayStyle {
    // Blues at L* 50, 64 and 78, a warm white at L* 95, and a dark brown at L* 22.
    Rgba csto_member{0x2f, 0x7c, 0xb7, 255};
    Rgba csto_frozen{0x74, 0x9f, 0xcc, 255};
    Rgba csto_suspended{0xab, 0xc3, 0xe2, 255};
    Rgba neither{0xf3, 0xf0, 0xe8, 255};
    Rgba hatch{0x53, 0x29, 0x10, 255};
    float hatch_period_px = 8.0f;  // logical pixels: the pattern repeats this often along x and y
};

// Symbols for places, distinct by shape so that they read in greyscale too.
enum class SymbolShape : std::uint8_t { Circle = 0, Square = 1, Diamond = 2, Triangle = 3, Star = 4, Dot = 5 };

struct SymbolStyle {
    Rgba fill;
    float size_px = 13.0f;  // logical pixels across
};

// The article's features over the map.
struct FeatureStyle {
    SymbolStyle airbase{{0xc0, 0x10, 0x10, 255}, 17.0f};   // Kant: a red star
    SymbolStyle exercise{{0xe0, 0x6a, 0x00, 255}, 14.0f};  // orange triangles
    SymbolStyle seat{{0x1b, 0x1b, 0x1b, 255}, 11.0f};      // black squares
    SymbolStyle signing{{0x6a, 0x3d, 0x9a, 255}, 11.0f};   // purple circles
    SymbolStyle summit{{0x1b, 0x7a, 0x3a, 255}, 12.0f};    // green diamonds
    SymbolStyle capital{{0x26, 0x26, 0x26, 255}, 6.0f};    // small dots
    // A user's own layer: its lines (over a white halo twice as wide) and its points, in its colour.
    float user_line_px = 3.0f;
    float user_point_px = 9.0f;
    Rgba symbol_outline{0xff, 0xff, 0xff, 255};
    float symbol_outline_px = 1.5f;
    // Afghanistan's northern border: a wide red line on a white halo, unlike any other border.
    LineStyle northern_border{{0xd0, 0x10, 0x20, 255}, 4.0f};
    LineStyle northern_border_halo{{0xff, 0xff, 0xff, 230}, 8.0f};
    // Regions the article names (Afghan Badakhshan, Balkh) and areas where a place was.
    LineStyle region{{0x6a, 0x3d, 0x9a, 255}, 2.5f};
    LineStyle region_halo{{0xff, 0xff, 0xff, 200}, 5.0f};
    // The selected country, region or organisation's members: a bright outline on a dark halo.
    LineStyle selection{{0xff, 0xd0, 0x00, 255}, 3.0f};
    LineStyle selection_halo{{0x10, 0x10, 0x10, 220}, 6.0f};
    LineStyle graticule{{0x50, 0x60, 0x70, 90}, 0.7f};
    TextStyle place_label{{0x20, 0x20, 0x20, 255}, {0xff, 0xff, 0xff, 230}, 12.0f, 2.0f};
    TextStyle border_label{{0xa0, 0x00, 0x10, 255}, {0xff, 0xff, 0xff, 235}, 12.5f, 2.5f};
    TextStyle region_label{{0x4a, 0x25, 0x70, 255}, {0xff, 0xff, 0xff, 230}, 12.5f, 2.0f};
    TextStyle capital_label{{0x30, 0x30, 0x30, 255}, {0xff, 0xff, 0xff, 220}, 11.0f, 1.8f};
};

struct Style {
    Rgba water{0xc6, 0xdc, 0xe9, 255};
    // Six muted fills; the neighbour colouring never needs more than six on this map.
    std::array<Rgba, 6> country_palette{{
        {0xf1, 0xe4, 0xc3, 255},
        {0xd9, 0xe8, 0xc4, 255},
        {0xf2, 0xd4, 0xc9, 255},
        {0xe0, 0xd6, 0xea, 255},
        {0xf5, 0xf0, 0xd8, 255},
        {0xcf, 0xe3, 0xdc, 255},
    }};
    LineStyle country_line{{0x55, 0x4e, 0x48, 255}, 1.3f};
    // A light casing under the borders where the memberships' fills and patterns are shown: a dark
    // line alone is lost in a dark pattern (the Kazakhstan-Kyrgyzstan border on the Kant scene).
    LineStyle country_halo{{0xff, 0xff, 0xff, 200}, 3.6f};
    LineStyle coast_line{{0x6f, 0x8f, 0xa6, 255}, 0.9f};
    LineStyle province_line{{0x9a, 0x8f, 0x86, 255}, 0.6f};
    TextStyle country_label{{0x2b, 0x26, 0x22, 255}, {0xff, 0xff, 0xff, 220}, 13.0f, 2.0f};
    OverlayStyle overlay;
    FeatureStyle features;
};

}  // namespace atlas
