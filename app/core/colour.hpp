// Colour science for the map's legibility checks: CIE L*a*b*, the CIEDE2000 colour difference,
// and what a viewer with deuteranopia or a greyscale print sees. Pure C++.
#pragma once

#include "style.hpp"

namespace atlas {

struct Lab {
    double L = 0, a = 0, b = 0;
};

// sRGB (8 bits per channel, alpha ignored) to CIE L*a*b* under D65.
Lab to_lab(Rgba c);

// CIEDE2000 difference (Sharma, Wu and Dalal, 2005); about 2.3 is a just-noticeable difference.
double delta_e2000(const Lab& x, const Lab& y);

// The colour as seen with deuteranopia (Machado, Oliveira and Fernandes 2009, severity 1),
// applied in linear RGB.
Rgba simulate_deuteranopia(Rgba c);

// The colour as printed in greyscale: its relative luminance (Rec. 709, linear light) as sRGB grey.
Rgba to_greyscale(Rgba c);

// a * (1 - t) + b * t per channel (t in 0..1).
Rgba mix(Rgba a, Rgba b, double t);

}  // namespace atlas
