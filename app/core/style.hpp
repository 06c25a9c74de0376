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
    LineStyle coast_line{{0x6f, 0x8f, 0xa6, 255}, 0.9f};
    LineStyle province_line{{0x9a, 0x8f, 0x86, 255}, 0.6f};
    TextStyle country_label{{0x2b, 0x26, 0x22, 255}, {0xff, 0xff, 0xff, 220}, 13.0f, 2.0f};
};

}  // namespace atlas
