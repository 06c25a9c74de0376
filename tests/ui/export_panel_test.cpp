// The Export window driven through real Dear ImGui frames with the pointer's clicks (no window,
// no GL): on a 1280x720 screen its Export button is on screen without scrolling, the folder is
// shown in full and can be chosen and opened, a PDF takes a sheet of paper, and a file that is
// there is replaced only when the user says so.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/imgui_context.hpp"
#include "support/process.hpp"
#include "platform/folders.hpp"
#include "ui/panel.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;

class ExportWindow : public ::testing::Test {
protected:
    static constexpr float kWidth = 1280, kHeight = 720;
    UiState ui;

    void SetUp() override {
        test::start_imgui(kWidth, kHeight);
        ui.export_open = true;
        ui.export_folder = test::fresh_dir("export-window");
        ui.home_folder = ui.pictures_folder = ui.export_folder;
        ui.folder_chooser.subfolders = subfolders;  // the window's
        frame();
        frame();
    }
    void TearDown() override { ImGui::DestroyContext(); }

    // A frame of the window; it is laid out on its first frame and in place from its second.
    void frame() {
        ImGui::NewFrame();
        draw_export(ui, kWidth, kHeight);
        ImGui::Render();
    }
    // A click on a control drawn last frame: the pointer moves there, the button goes down, then up.
    void click(const std::string& name) {
        frame();
        const auto it = ui.export_spots.find(name);
        ASSERT_NE(it, ui.export_spots.end()) << "the window has no " << name;
        test::click_at(ImVec2((it->second.x0 + it->second.x1) / 2, (it->second.y0 + it->second.y1) / 2), [&] { frame(); });
    }
};

// At 1280x720 the window is whole on screen and its Export button is drawn without a scroll,
// inside the window's visible part; a click on it asks for the export, and the folder is the one
// asked for in full.
TEST_F(ExportWindow, ItsButtonIsOnScreenWithoutScrollingAndAsksForTheExport) {
    for (int i = 0; i < 3; ++i) frame();
    const ImGuiWindow* w = ImGui::FindWindowByName("Export this view");
    ASSERT_TRUE(w);
    EXPECT_GE(w->Pos.x, 0);
    EXPECT_GE(w->Pos.y, 0);
    EXPECT_LE(w->Pos.x + w->Size.x, kWidth);
    EXPECT_LE(w->Pos.y + w->Size.y, kHeight);
    EXPECT_EQ(w->Scroll.y, 0);
    const auto& b = ui.export_spots.at("export");
    EXPECT_GE(b.y0, w->InnerClipRect.Min.y);
    EXPECT_LE(b.y1, w->InnerClipRect.Max.y) << "the Export button is under the window's bottom edge";
    EXPECT_FALSE(ui.request_export);
    click("export");
    EXPECT_TRUE(ui.request_export);
    EXPECT_EQ(ui.export_file(), (fs::path(ui.export_folder) / "ca-atlas.png").string());
    click("open-folder");
    EXPECT_EQ(ui.request_open_folder, ui.export_folder);
}

// A name newly ending in .pdf while the size is a screen's takes an A4 sheet at 300 dpi (a PDF
// of 3840x2160 screen pixels was a 1.35 m page); a print size chosen is kept.
TEST_F(ExportWindow, APdfIsASheetOfPaper) {
    ASSERT_EQ(ui.export_dpi, 0);
    frame();
    ui.export_path = "region.pdf";
    frame();
    EXPECT_EQ(ui.export_width, 3508);
    EXPECT_EQ(ui.export_height, 2480);
    EXPECT_EQ(ui.export_dpi, 300);
    // Back to PNG and to PDF with A3 chosen: the sheet stays.
    ui.export_path = "region.png";
    frame();
    ui.export_width = 4961, ui.export_height = 3508;
    ui.export_path = "region.pdf";
    frame();
    EXPECT_EQ(ui.export_width, 4961);
    EXPECT_EQ(ui.export_dpi, 300);
}

// "Choose..." lists the folders in the export's folder; a click goes into one, "Up" back out,
// and "Use this folder" makes it the export's.
TEST_F(ExportWindow, AFolderIsChosenByClickingThroughFolders) {
    const std::string base = ui.export_folder;
    fs::create_directories(base + "/Lesson 3/slides");
    fs::create_directories(base + "/.hidden");
    std::ofstream(base + "/notes.txt") << "a file, not a folder";
    click("choose");
    frame();
    EXPECT_TRUE(ui.export_spots.count("chooser:Lesson 3"));
    EXPECT_FALSE(ui.export_spots.count("chooser:.hidden"));
    EXPECT_FALSE(ui.export_spots.count("chooser:notes.txt"));
    click("chooser:Lesson 3");
    click("chooser:slides");
    click("chooser-up");
    click("chooser-use");
    EXPECT_EQ(ui.export_folder, (fs::path(base) / "Lesson 3").string());
    EXPECT_EQ(ui.export_file(), (fs::path(base) / "Lesson 3" / "ca-atlas.png").string());
    // A full path typed as the name is taken as it is.
    ui.export_path = "/tmp/elsewhere.png";
    EXPECT_EQ(ui.export_file(), "/tmp/elsewhere.png");
}

// A file that is there: the window asks, naming it in full; Replace asks for the export again,
// saying it may replace.
TEST_F(ExportWindow, AFileIsReplacedOnlyWhenTheUserSaysSo) {
    ui.export_confirm = ui.export_file();
    frame();
    frame();
    EXPECT_FALSE(ui.request_export);
    click("replace");
    EXPECT_TRUE(ui.request_export);
    EXPECT_TRUE(ui.export_replace);
    EXPECT_TRUE(ui.export_confirm.empty());
}

}  // namespace
}  // namespace atlas
