// Fonts and their fallbacks (app/text/fonts.cpp): the chain starts with the label font and adds
// another only for the characters it lacks.
#include <gtest/gtest.h>

#include "support/label_font.hpp"
#include "text/fonts.hpp"

namespace atlas {
namespace {

using test::labels;

TEST(Fonts, TheChainStartsWithTheLabelFontAndAddsOnlyWhatItLacks) {
    const FontChain& chain = labels().fonts();
    ASSERT_GE(chain.size(), 1u);
    EXPECT_EQ(chain.file(0), find_font(kLabelFont));
    EXPECT_EQ(chain.first_with(U'Ж'), 0);
    EXPECT_EQ(chain.first_with(U'ی'), 0);  // DejaVu Sans Bold has Persian
    EXPECT_EQ(chain.first_with(U'\uE000'), -1);
    for (size_t i = 1; i < chain.size(); ++i) EXPECT_FALSE(chain.file(i) == chain.file(0));
}

}  // namespace
}  // namespace atlas
