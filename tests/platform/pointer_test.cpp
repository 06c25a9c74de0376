// The window's pointer (app/platform/window.cpp, app/platform/input.cpp) driven through the X
// server as a person's mouse is (XTest, what xdotool uses), not through events fed to ImGui: a
// test that feeds ImGui events passed while a real drag on a slider in the window did nothing.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <SDL_syswm.h>
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "platform/input.hpp"
#include "platform/window.hpp"
#include "support/display.hpp"
#include "support/gl.hpp"

namespace atlas {
namespace {

// One connection for the process: opened again after a window closed, Xlib refused it.
Display* x_server() {
    static Display* const display = XOpenDisplay(nullptr);
    return display;
}

// A window with one slider, and the X server's pointer to move over it.
class RealPointer : public ::testing::Test {
protected:
    void SetUp() override {
        ATLAS_REQUIRE_DISPLAY();
        x_ = x_server();
        int event = 0, error = 0, major = 0, minor = 0;
        if (!x_ || !XTestQueryExtension(x_, &event, &error, &major, &minor)) {
            if (test::in_ci()) FAIL() << "CI's X server must have the XTEST extension (Xvfb has it)";
            GTEST_SKIP() << "no X server with XTEST here: the pointer cannot be moved";
        }
        window_ = std::make_unique<Window>("ca-atlas pointer test", 480, 240, false);
        for (int i = 0; i < 5; ++i) frame();  // mapped, placed, the slider laid out
        // Where the X server has the window (SDL's own idea of its position can differ from it
        // without a window manager, which is how a drag once landed beside the pointer).
        SDL_SysWMinfo wm;
        SDL_VERSION(&wm.version);
        ASSERT_TRUE(SDL_GetWindowWMInfo(window_->sdl(), &wm)) << SDL_GetError();
        ::Window child = 0;
        XTranslateCoordinates(x_, wm.info.x11.window, DefaultRootWindow(x_), 0, 0, &left_, &top_, &child);
    }

    // One frame of the window: its events, the slider, the pointer as the map would see it.
    void frame() {
        std::this_thread::sleep_for(std::chrono::milliseconds(15));  // the X server's events arrive
        const auto events = poll_input(nullptr);
        keys_.clear();
        for (const auto& e : events)
            if (e.kind == InputEvent::Kind::KeyDown) keys_.push_back(e);
        window_->begin_imgui_frame();
        pointer_ = pointer_now(window_->sdl());
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(480, 120));
        ImGui::Begin("controls", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
        ImGui::SetNextItemWidth(400);
        ImGui::SliderFloat("##value", &value_, 0.0f, 1.0f);
        slider_min_ = ImGui::GetItemRectMin();
        slider_max_ = ImGui::GetItemRectMax();
        ImGui::SetNextItemWidth(400);
        if (ImGui::InputText("##name", &text_, ImGuiInputTextFlags_EnterReturnsTrue)) ++entered_;
        field_min_ = ImGui::GetItemRectMin();
        field_max_ = ImGui::GetItemRectMax();
        ImGui::End();
        window_->end_imgui_frame();
        window_->swap();
    }

    // The X server's pointer to (x, y) in the window's points.
    void move_to(float x, float y) {
        XTestFakeMotionEvent(x_, -1, left_ + int(x), top_ + int(y), CurrentTime);
        XFlush(x_);
        frame();
    }
    void button(bool down) {
        XTestFakeButtonEvent(x_, 1, down ? True : False, CurrentTime);
        XFlush(x_);
        frame();
    }

    // A key pressed and released on the X server's keyboard, as a person types it.
    void key(KeySym sym) {
        const KeyCode code = XKeysymToKeycode(x_, sym);
        XTestFakeKeyEvent(x_, code, True, CurrentTime);
        XFlush(x_);
        frame();
        XTestFakeKeyEvent(x_, code, False, CurrentTime);
        XFlush(x_);
        frame();
    }
    void click(float x, float y) {
        move_to(x, y);
        button(true);
        button(false);
    }

    Display* x_ = nullptr;
    std::vector<InputEvent> keys_;  // the keys of the last frame but one (the press's frame)
    std::unique_ptr<Window> window_;
    int left_ = 0, top_ = 0;
    float value_ = 0.0f;
    ImVec2 slider_min_, slider_max_;
    std::string text_ = "figure";  // a text field under the slider
    int entered_ = 0;               // times Enter was pressed in it
    ImVec2 field_min_, field_max_;
    InputEvent pointer_;
};

// The slider's handle follows a drag: pressed at its left end, moved right in steps, released at
// the right end, the value is at the slider's maximum.
TEST_F(RealPointer, ADragOnASliderMovesItsHandle) {
    const float y = (slider_min_.y + slider_max_.y) / 2;
    move_to(slider_min_.x + 4, y);
    button(true);
    for (float x = slider_min_.x + 4; x <= slider_max_.x + 20; x += 40) move_to(x, y);
    move_to(slider_max_.x + 20, y);
    EXPECT_GT(value_, 0.99f) << "the handle did not follow the pointer held down";
    button(false);
    EXPECT_GT(value_, 0.99f);
}

// Over the window the pointer is where the X server has it; once it has left the window it is
// nowhere on the map (the tooltip of what it last pointed at stuck there).
TEST_F(RealPointer, APointerThatLeftTheWindowIsNowhere) {
    move_to(300, 200);
    ASSERT_TRUE(std::isfinite(pointer_.at.x));
    EXPECT_NEAR(pointer_.at.x, 300, 1);
    EXPECT_NEAR(pointer_.at.y, 200, 1);
    move_to(700, 500);  // below and right of the 480x240 window, on the 1920x1080 screen
    EXPECT_FALSE(std::isfinite(pointer_.at.x)) << "still at " << pointer_.at.x << "," << pointer_.at.y;
}

// A panel clicked with the mouse does not keep the keyboard: the next arrow key is the map's (the
// session pans with it), and the panel's slider does not also take it. Tab starts the keyboard's
// navigation in the panel, and from then on its keys are the panel's.
TEST_F(RealPointer, KeysAfterAClickOnAPanelAreTheMapsUntilTabStartsNavigation) {
    const float y = (slider_min_.y + slider_max_.y) / 2;
    click((slider_min_.x + slider_max_.x) / 2, y);
    const float clicked = value_;
    XTestFakeKeyEvent(x_, XKeysymToKeycode(x_, XK_Left), True, CurrentTime);
    XFlush(x_);
    frame();
    ASSERT_EQ(keys_.size(), 1u) << "the arrow key did not arrive";
    EXPECT_EQ(keys_[0].key, Key::Left);
    EXPECT_FALSE(keys_[0].interface_has_keyboard) << "a clicked panel kept the keyboard from the map";
    XTestFakeKeyEvent(x_, XKeysymToKeycode(x_, XK_Left), False, CurrentTime);
    XFlush(x_);
    frame();
    EXPECT_EQ(value_, clicked) << "the slider also moved with the map's key";

    key(XK_Tab);
    key(XK_Tab);
    XTestFakeKeyEvent(x_, XKeysymToKeycode(x_, XK_Left), True, CurrentTime);
    XFlush(x_);
    frame();
    ASSERT_EQ(keys_.size(), 1u);
    EXPECT_TRUE(keys_[0].interface_has_keyboard) << "navigating the panel with Tab, its keys went to the map";
    XTestFakeKeyEvent(x_, XKeysymToKeycode(x_, XK_Left), False, CurrentTime);
    XFlush(x_);
    frame();
}

// A key tapped faster than a frame (pressed and released before the window looks: a quick
// finger, a presenter's clicker, xdotool) still reaches a text field: Backspace deletes, Enter
// enters. Each was lost: ImGui saw the key up at every frame.
TEST_F(RealPointer, AKeyTappedWithinOneFrameReachesATextField) {
    click((field_min_.x + field_max_.x) / 2, (field_min_.y + field_max_.y) / 2);
    ASSERT_TRUE(ImGui::GetIO().WantTextInput) << "the click did not put the cursor in the field";
    const auto tap = [&](KeySym sym) {
        const KeyCode code = XKeysymToKeycode(x_, sym);
        XTestFakeKeyEvent(x_, code, True, CurrentTime);
        XTestFakeKeyEvent(x_, code, False, CurrentTime);
        XFlush(x_);
        for (int i = 0; i < 3; ++i) frame();
    };
    tap(XK_End);
    tap(XK_BackSpace);
    tap(XK_BackSpace);
    EXPECT_EQ(text_, "figu");
    tap(XK_Return);
    EXPECT_EQ(entered_, 1) << "Enter tapped in the field was lost";
}

// A shortcut typed quickly (Ctrl down, E down and up, Ctrl up, all before the window looks) keeps
// its Ctrl: Ctrl+E from xdotool arrived as E alone, the state of Ctrl being taken after it was up.
TEST_F(RealPointer, AShortcutTypedWithinOneFrameKeepsItsCtrl) {
    const KeyCode ctrl = XKeysymToKeycode(x_, XK_Control_L), e = XKeysymToKeycode(x_, XK_e);
    XTestFakeKeyEvent(x_, ctrl, True, CurrentTime);
    XTestFakeKeyEvent(x_, e, True, CurrentTime);
    XTestFakeKeyEvent(x_, e, False, CurrentTime);
    XTestFakeKeyEvent(x_, ctrl, False, CurrentTime);
    XFlush(x_);
    std::vector<InputEvent> seen;
    for (int i = 0; i < 3; ++i) {
        frame();
        seen.insert(seen.end(), keys_.begin(), keys_.end());
    }
    const auto it = std::find_if(seen.begin(), seen.end(), [](const InputEvent& k) { return k.character == 'e'; });
    ASSERT_NE(it, seen.end()) << "the E did not arrive";
    EXPECT_TRUE(it->ctrl) << "Ctrl+E arrived as E";
}

// A file dropped on the window (SDL's drop event, which hands over a copy of its name for the
// program to free) reaches the session as a Drop with the file's path.
TEST(DroppedFile, ADropIsTheFilesPathAndItsNameIsFreed) {
    ImGui::CreateContext();
    SDL_Event ev{};
    ev.type = SDL_DROPFILE;
    ev.drop.file = SDL_strdup("/home/teacher/Fergana trip.geojson");
    const auto e = translate(ev, nullptr);
    ImGui::DestroyContext();
    ASSERT_TRUE(e);
    EXPECT_EQ(e->kind, InputEvent::Kind::Drop);
    EXPECT_EQ(e->text, "/home/teacher/Fergana trip.geojson");
}

}  // namespace
}  // namespace atlas
