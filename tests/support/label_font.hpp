// The labels' font (the label face and its fallbacks, found through fontconfig) as the tests shape
// and measure text with it; measuring needs no GL.
#pragma once

#include "text/shape.hpp"

namespace atlas::test {

inline TextShaper& labels() { return shaper_for(kLabelFont); }

// The same font, by the name the tests of the map and of the exports give it.
inline TextShaper& font() { return labels(); }

}  // namespace atlas::test
