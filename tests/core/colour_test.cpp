// The colour science behind the overlay legibility checks, against published reference values.
#include "core/colour.hpp"

#include <gtest/gtest.h>

namespace atlas {
namespace {

TEST(Colour, LabOfReferenceColours) {
    const Lab white = to_lab({255, 255, 255, 255});
    EXPECT_NEAR(white.L, 100.0, 0.01);
    EXPECT_NEAR(white.a, 0.0, 0.01);
    EXPECT_NEAR(white.b, 0.0, 0.01);
    // sRGB red: L* 53.24, a* 80.09, b* 67.20 (the usual published conversion under D65).
    const Lab red = to_lab({255, 0, 0, 255});
    EXPECT_NEAR(red.L, 53.24, 0.05);
    EXPECT_NEAR(red.a, 80.09, 0.05);
    EXPECT_NEAR(red.b, 67.20, 0.05);
}

TEST(Colour, Ciede2000MatchesSharmasTestData) {
    // Pairs 1, 7, 17 and 25 of Sharma, Wu and Dalal (2005), Table 1.
    EXPECT_NEAR(delta_e2000({50.0, 2.6772, -79.7751}, {50.0, 0.0, -82.7485}), 2.0425, 1e-4);
    EXPECT_NEAR(delta_e2000({50.0, 0.0, 0.0}, {50.0, -1.0, 2.0}), 2.3669, 1e-4);
    EXPECT_NEAR(delta_e2000({50.0, 2.5, 0.0}, {73.0, 25.0, -18.0}), 27.1492, 1e-4);
    EXPECT_NEAR(delta_e2000({60.2574, -34.0099, 36.2677}, {60.4626, -34.1751, 39.4387}), 1.2644, 1e-4);
    EXPECT_EQ(delta_e2000({40, 10, 10}, {40, 10, 10}), 0.0);
}

TEST(Colour, DeuteranopiaMergesRedAndGreenButNotBlueAndOrange) {
    const Rgba red{200, 40, 40, 255}, green{40, 160, 40, 255}, blue{0x4f, 0x86, 0xc6, 255}, orange{230, 120, 0, 255};
    const double rg = delta_e2000(to_lab(red), to_lab(green));
    const double rg_sim = delta_e2000(to_lab(simulate_deuteranopia(red)), to_lab(simulate_deuteranopia(green)));
    EXPECT_GT(rg, 50);
    EXPECT_LT(rg_sim, rg / 2);
    EXPECT_GT(delta_e2000(to_lab(simulate_deuteranopia(blue)), to_lab(simulate_deuteranopia(orange))), 30);
    // Greys are unchanged by the simulation and by greyscale.
    const Rgba grey{128, 128, 128, 255};
    EXPECT_LE(delta_e2000(to_lab(simulate_deuteranopia(grey)), to_lab(grey)), 0.5);
    EXPECT_EQ(to_greyscale(grey), grey);
}

}  // namespace
}  // namespace atlas
