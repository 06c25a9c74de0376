// The interactive window: SDL2 window with an OpenGL 3.3 core context and Dear ImGui's SDL2 and
// OpenGL3 backends. Owns their lifetimes (created in order, destroyed in reverse).
#pragma once

#include <SDL.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/input.hpp"

struct ImFont;

namespace atlas {

// Starts SDL's video subsystem. Call it before starting any thread: on a machine without a
// session bus, SDL's D-Bus client forks a helper, and a fork while another thread holds a lock
// can deadlock the child. Throws GlError (no display). Window calls it too; calls are counted,
// and each must be balanced by quit_video().
void init_video();
void quit_video();

// SIGTERM and SIGINT end the window at its next frame whatever it shows (SDL's own handlers would
// turn them into a close request, which waits on the unsaved-tour question): call it before
// init_video. stop_signal() is the signal that came (0: none).
void catch_stop_signals();
int stop_signal();

// The interface scale for a display of `dpi` dots per inch: dpi / 96 in steps of a quarter (so
// that 100 dpi stays 1), within 1..3 (a projector that reports a wall-sized screen gets 1).
// 1 when dpi is not positive.
float ui_scale_for_dpi(float dpi);

// How the interface looks: its font and its scale.
struct UiLook {
    std::string font_path;  // the interface's font file ("" : ImGui's built-in font)
    int font_index = 0;     // the face within the file
    std::string cjk_path;   // a font for Chinese, merged into it when needed ("" : none)
    int cjk_index = 0;      // the face within that file
    float scale = 0;        // text and sizes (0: from the display, see Window::ui_scale)
};

class Window {
public:
    // Opens a resizable, HiDPI-aware window with Dear ImGui set up in `look`. Throws GlError naming
    // what failed (no display, no OpenGL 3.3 core). A width or height of 0: the display's usable
    // area, maximised (a fixed default was taller than a 720-line screen).
    Window(const std::string& title, int width, int height, bool vsync, const UiLook& look = {});
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    SDL_Window* sdl() const { return window_; }
    // Framebuffer size in pixels and the window size in points.
    void drawable_size(int& w, int& h) const;
    void window_size(int& w, int& h) const;
    // Both sizes, the pixel ratio and the interface's scale.
    Viewport viewport() const;
    // Framebuffer pixels per window point (2 on a HiDPI screen where the system scales windows).
    float pixel_ratio() const;
    // The interface's scale: UiLook::scale if given, else from the display's dots per inch (the
    // desktop's Xft.dpi setting where there is one, else the DPI SDL reports, else the X screen's),
    // else 1. ImGui's fonts and sizes are scaled by it; the map's text and lines should be too.
    float ui_scale() const { return ui_scale_; }
    // Full screen on the window's display (the presentation mode), or back to the window it was.
    void set_fullscreen(bool on);
    // Lets the panels show the Chinese characters in `utf8` (call it with text they will show):
    // where it has any, the CJK font of UiLook is merged into ImGui's before the next frame, with
    // ImGui's common simplified Chinese range. Characters typed or pasted into the panels are
    // looked at by the window itself. Loaded eagerly, the range would add 40 to 50 ms and 10 MiB
    // to every start at scale 1 (110 ms and 40 MiB at scale 2), for text the atlas rarely shows.
    void cover_text(const std::string& utf8);
    // A second font for reading (the article) at `scale` times the panels' own, rasterised at that
    // size (sharp, not a scaled bitmap): built before the next frame where the scale changed. Until
    // then, and with no font file, text_font() is the one built last (nullptr at first) and
    // text_font_scale() its scale.
    void want_text_scale(float scale);
    ImFont* text_font() const { return text_font_; }
    float text_font_scale() const { return text_font_scale_; }
    void begin_imgui_frame();
    void end_imgui_frame();  // renders ImGui's draw data over the map
    // end_imgui_frame in two steps: the panels' draw data made (ImGui::Render), then drawn.
    void finish_imgui_frame();
    void draw_imgui();
    void swap();
    // The back buffer's pixels, RGBA, top row first (for a screenshot of the frame just drawn).
    std::vector<std::uint8_t> read_pixels() const;

private:
    SDL_Window* window_ = nullptr;
    SDL_GLContext gl_ = nullptr;
    bool imgui_ = false;
    bool fullscreen_ = false;
    float ui_scale_ = 1;
    float font_px_ = 0;     // ImGui's font size in framebuffer pixels
    std::string cjk_path_;  // UiLook::cjk_path, merged once wanted
    int cjk_index_ = 0;
    bool want_cjk_ = false, have_cjk_ = false;
    const char* (*clipboard_text_)(void*) = nullptr;  // the SDL backend's, which ours wraps
    static const char* clipboard_text(void* window);
    void merge_cjk();
    void build_fonts();  // the panels' font and the reading font, with Chinese where it is wanted
    std::string font_path_;
    int font_index_ = 0;
    ImFont* text_font_ = nullptr;
    float text_font_scale_ = 1, text_scale_wanted_ = 1;
    float display_dpi() const;
    SDL_Rect windowed_{0, 0, 0, 0};  // where the window was before it went full screen
};

}  // namespace atlas
