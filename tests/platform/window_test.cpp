// The window (app/platform/window.cpp), opened in this process: the panels' font has Latin and
// Cyrillic from the start and takes in Chinese once there is some to show or some is typed.
#include <gtest/gtest.h>
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "platform/window.hpp"
#include "support/display.hpp"
#include "support/gl.hpp"
#include "text/fonts.hpp"

namespace atlas {
namespace {

// The panels' look at scale 1 in the interface's font, for a window opened with SDL's offscreen
// driver: the panels' fonts need a GL context, not a screen, and the offscreen driver, named (the
// window refuses it otherwise), gives one inside this process wherever X11 cannot be opened from it.
UiLook offscreen_look() {
    ::setenv("SDL_VIDEODRIVER", "offscreen", 1);
    UiLook look;
    const FontFile ui = find_font(kUiFont);
    look.font_path = ui.path;
    look.font_index = ui.index;
    look.scale = 1;
    return look;
}

// The panels' font has Latin and Cyrillic from the start, and Chinese once some is to be shown
// (a scene's title) or typed: not before, since it costs every start.
TEST(Window, ThePanelsHaveCyrillicAndLoadChineseWhenThereIsSome) {
    ATLAS_REQUIRE_DISPLAY();
    UiLook look = offscreen_look();
    const FontChain chain(kUiFont);
    const int cjk = chain.first_with(U'中');
    if (cjk < 0) {
        if (test::in_ci()) FAIL() << "no CJK font: install cmake/packages.txt (fonts-wqy-microhei)";
        GTEST_SKIP() << "no CJK font installed (fonts-wqy-microhei)";
    }
    look.cjk_path = chain.file(size_t(cjk)).path;
    look.cjk_index = chain.file(size_t(cjk)).index;
    auto has = [](ImWchar c) { return ImGui::GetFont()->FindGlyphNoFallback(c) != nullptr; };
    auto frame = [](Window& w) {
        w.begin_imgui_frame();
        ImGui::Begin("panel");
        ImGui::TextUnformatted("Центральная Азия 中亚");
        ImGui::End();
        w.end_imgui_frame();
    };
    {
        Window window("ca-atlas test", 320, 200, false, look);
        frame(window);
        EXPECT_TRUE(has(u'Ж') && has(u'ә') && has(u'“'));  // Russian, Kazakh, the article's quotes
        EXPECT_FALSE(has(u'中'));
        window.cover_text("Central Asia, Центральная Азия");
        frame(window);
        EXPECT_FALSE(has(u'中')) << "loaded for text without Chinese";
        window.cover_text("中亚安全");
        const auto t0 = std::chrono::steady_clock::now();
        frame(window);
        std::printf("merging the CJK range into the panels' font: %.1f ms\n",
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        EXPECT_TRUE(has(u'中') && has(u'安') && has(u'Ж'));
    }
    {
        Window window("ca-atlas test", 320, 200, false, look);
        frame(window);
        ImGui::GetIO().AddInputCharacter(u'安');  // typed into a panel
        frame(window);
        EXPECT_TRUE(has(u'安'));
    }
}

// The article's reading font is rasterised at the size asked for (from the next frame on), with
// the panels' scripts, and the panels' own font stays as it was; back at 1 it is the panels' font.
TEST(Window, TheReadingFontIsBuiltAtItsSize) {
    ATLAS_REQUIRE_DISPLAY();
    Window window("ca-atlas test", 320, 200, false, offscreen_look());
    const auto frame = [&] {
        window.begin_imgui_frame();
        ImGui::Begin("panel");
        ImGui::TextUnformatted("Article");
        ImGui::End();
        window.end_imgui_frame();
    };
    frame();
    const float panels = ImGui::GetIO().Fonts->Fonts[0]->FontSize;
    ASSERT_TRUE(window.text_font());
    EXPECT_EQ(window.text_font()->FontSize, panels);
    window.want_text_scale(1.7f);
    frame();
    ASSERT_TRUE(window.text_font());
    EXPECT_EQ(window.text_font_scale(), 1.7f);
    EXPECT_FLOAT_EQ(window.text_font()->FontSize, 1.7f * panels);
    EXPECT_EQ(ImGui::GetIO().Fonts->Fonts[0]->FontSize, panels) << "the panels' font changed";
    EXPECT_TRUE(window.text_font()->FindGlyphNoFallback(u'Ж') && window.text_font()->FindGlyphNoFallback(u'“'));
    window.want_text_scale(1.0f);
    frame();
    EXPECT_EQ(window.text_font(), ImGui::GetIO().Fonts->Fonts[0]);
}

}  // namespace
}  // namespace atlas
