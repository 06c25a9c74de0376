// How a presenter's drawing is inked, the same in the window (ui/annotation_view.cpp) and in a
// scene's exports (ink_for_export): a near-black rim round every line, and text with a halo that
// is light round dark ink and dark round light ink. Pure C++.
#pragma once

#include <algorithm>

#include "style.hpp"

namespace atlas {

inline constexpr Rgba kInkRim{15, 15, 20, 230};  // near-black: reads on the light fills and round white ink
// Text is thinner than a line: dark ink (the red) gets a white halo, as the map's own labels do,
// so that it also reads on the dark blue of the CSTO's fill.
inline constexpr Rgba kInkLightRim{255, 255, 255, 235};

// The rim each side of a line: a quarter of its width, at least 1.5 pixels so thin lines keep one.
inline float ink_rim_px(float width) { return std::max(1.5f, width * 0.25f); }

// The halo of text in `ink` (Rec. 709 weights on the 8-bit values: enough to tell dark ink from light).
inline Rgba ink_text_halo(Rgba ink) {
    return (0.2126f * ink.r + 0.7152f * ink.g + 0.0722f * ink.b) / 255.0f < 0.5f ? kInkLightRim : kInkRim;
}
// Its thickness for text `size` pixels high: one that stays visible on large text.
inline float ink_text_halo_px(float size) { return std::max(1.5f, size / 14); }

}  // namespace atlas
