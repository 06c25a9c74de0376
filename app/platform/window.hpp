// The interactive window: SDL2 window with an OpenGL 3.3 core context and Dear ImGui's SDL2 and
// OpenGL3 backends. Owns their lifetimes (created in order, destroyed in reverse).
#pragma once

#include <SDL.h>

#include <string>

namespace atlas {

// Starts SDL's video subsystem. Call it before starting any thread: on a machine without a
// session bus, SDL's D-Bus client forks a helper, and a fork while another thread holds a lock
// can deadlock the child. Throws GlError (no display). Window calls it too; calls are counted,
// and each must be balanced by quit_video().
void init_video();
void quit_video();

class Window {
public:
    // Opens a resizable, HiDPI-aware window. Throws GlError naming what failed (no display,
    // no OpenGL 3.3 core).
    Window(const std::string& title, int width, int height, bool vsync);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    SDL_Window* sdl() const { return window_; }
    // Framebuffer size in pixels and the window size in points.
    void drawable_size(int& w, int& h) const;
    void window_size(int& w, int& h) const;
    // Framebuffer pixels per window point (2 on a HiDPI screen).
    float pixel_ratio() const;
    // Full screen on the window's display (the presentation mode), or back to the window it was.
    void set_fullscreen(bool on);
    void begin_imgui_frame();
    void end_imgui_frame();  // renders ImGui's draw data over the map
    void swap();

private:
    SDL_Window* window_ = nullptr;
    SDL_GLContext gl_ = nullptr;
    bool imgui_ = false;
    bool fullscreen_ = false;
    SDL_Rect windowed_{0, 0, 0, 0};  // where the window was before it went full screen
};

}  // namespace atlas
