// The floor under `ca-atlas --bench`'s figures: what a program with nothing of the atlas in it (no
// data, no map, no interface) takes on this machine's OpenGL, linked with the libraries every
// program of this stack needs (SDL2, libepoxy, GDAL). The benchmark runs it beside its own figures
// so that a target below the floor is seen to be out of reach on this GL, not taken for slowness.
//
//   gl-floor first-frame     a 1920x1080 window, an OpenGL 3.3 core context, one cleared frame
//                            swapped and finished; prints first_frame_ns (CLOCK_MONOTONIC)
//   gl-floor frames          then 300 frames (after 10) that change every pixel as cheaply as GL
//                            can: a finished 1920x1080 image copied 1:1 onto the window (a pan of
//                            a picture drawn before), and the same scaled by 1.25 with filtering
//                            (a zoom of it); prints each one's median and p99 frame in ms
//   gl-floor headless        an EGL context with no display (as the atlas's exports make), a
//                            256x256 framebuffer cleared and read back; prints its peak memory
//
// Exits 1 with a line on stderr where there is no display or no OpenGL 3.3 core context.
#include <SDL.h>
#include <epoxy/egl.h>
#include <epoxy/gl.h>
#include <gdal.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

long long monotonic_ns() {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1'000'000'000LL + t.tv_nsec;
}

int fail(const std::string& why) {
    std::fprintf(stderr, "gl-floor: %s\n", why.c_str());
    return 1;
}

// The p-th percentile (0-100) of `v`, nearest rank.
double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const std::size_t rank = std::size_t(p / 100.0 * double(v.size()) + 0.999999);
    return v[std::min(v.size() - 1, rank > 0 ? rank - 1 : 0)];
}

// Median and p99 of 300 frames (after 10 not timed) of `draw` followed by the swap and glFinish.
template <class Draw>
void time_frames(SDL_Window* window, const char* what, Draw&& draw) {
    std::vector<double> ms;
    for (int i = 0; i < 310; ++i) {
        const long long t0 = monotonic_ns();
        draw(i);
        SDL_GL_SwapWindow(window);
        glFinish();
        if (i >= 10) ms.push_back((monotonic_ns() - t0) / 1e6);
    }
    std::printf("%s_median_ms=%.2f\n%s_p99_ms=%.2f\n", what, percentile(ms, 50), what, percentile(ms, 99));
}

int window_mode(bool frames) {
    if (SDL_Init(SDL_INIT_VIDEO) != 0) return fail(std::string("no display: ") + SDL_GetError());
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    constexpr int kW = 1920, kH = 1080;  // the benchmark's window
    SDL_Window* window = SDL_CreateWindow("gl-floor", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, kW, kH,
                                          SDL_WINDOW_OPENGL | SDL_WINDOW_SHOWN);
    if (!window) return fail(std::string("no window: ") + SDL_GetError());
    SDL_GLContext context = SDL_GL_CreateContext(window);
    if (!context) return fail(std::string("no OpenGL 3.3 core context: ") + SDL_GetError());
    SDL_GL_SetSwapInterval(0);  // as the benchmark's window: frames are timed, not paced
    glClearColor(0.78f, 0.86f, 0.91f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    SDL_GL_SwapWindow(window);
    glFinish();
    std::printf("first_frame_ns=%lld\n", monotonic_ns());
    std::printf("gdal=%s\n", GDALVersionInfo("RELEASE_NAME"));  // GDAL is linked and loaded, as in the atlas
    if (frames) {
        // A picture with a margin, as a map drawn before would be kept: 1.25 times the window
        // each way, filled with pixels that differ (a flat colour could take a faster path).
        constexpr int kPW = kW * 5 / 4, kPH = kH * 5 / 4;
        std::vector<unsigned> pixels(std::size_t(kPW) * kPH);
        for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = unsigned(i * 2654435761u) | 0xff000000u;
        GLuint texture = 0, fbo = 0;
        glGenTextures(1, &texture);
        glBindTexture(GL_TEXTURE_2D, texture);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, kPW, kPH, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
        glGenFramebuffers(1, &fbo);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
        glFramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture, 0);
        if (glCheckFramebufferStatus(GL_READ_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
            return fail("the picture's framebuffer is incomplete");
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
        // A pan: the window's part of the picture moves by a pixel or more each frame.
        time_frames(window, "copy", [&](int i) {
            const int x = i % (kPW - kW), y = (i / 2) % (kPH - kH);
            glBlitFramebuffer(x, y, x + kW, y + kH, 0, 0, kW, kH, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        });
        // A zoom: the whole picture scaled down onto the window, filtered.
        time_frames(window, "zoom", [&](int) {
            glBlitFramebuffer(0, 0, kPW, kPH, 0, 0, kW, kH, GL_COLOR_BUFFER_BIT, GL_LINEAR);
        });
    }
    SDL_GL_DeleteContext(context);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}

// VmHWM of this process in MiB (the kernel's high-water mark of its resident memory).
double peak_mib() {
    FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    double kib = 0;
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, "VmHWM:", 6) == 0) kib = std::atof(line + 6);
    std::fclose(f);
    return kib / 1024;
}

int headless_mode() {
    (void)GDALVersionInfo("RELEASE_NAME");
    EGLDisplay display = EGL_NO_DISPLAY;
    const char* client = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
    if (client && std::strstr(client, "EGL_MESA_platform_surfaceless"))
        display = eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    if (display == EGL_NO_DISPLAY) display = eglGetDisplay(EGL_DEFAULT_DISPLAY);
    EGLint major = 0, minor = 0;
    if (display == EGL_NO_DISPLAY || !eglInitialize(display, &major, &minor) || !eglBindAPI(EGL_OPENGL_API))
        return fail("no EGL display with desktop OpenGL");
    // No surface: a config of any surface type will do.
    const EGLint config_attrs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_SURFACE_TYPE, 0, EGL_NONE};
    EGLConfig config = nullptr;
    EGLint n = 0;
    if (!eglChooseConfig(display, config_attrs, &config, 1, &n) || n == 0) return fail("no EGL config for OpenGL");
    const EGLint context_attrs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                                    EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    EGLContext context = eglCreateContext(display, config, EGL_NO_CONTEXT, context_attrs);
    if (context == EGL_NO_CONTEXT || !eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context))
        return fail("no OpenGL 3.3 core context without a display");
    constexpr int kSide = 256;  // a small target: the floor is the context, not the image
    GLuint fbo = 0, colour = 0;
    glGenRenderbuffers(1, &colour);
    glBindRenderbuffer(GL_RENDERBUFFER, colour);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, kSide, kSide);
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
    glClearColor(0.78f, 0.86f, 0.91f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    std::vector<unsigned char> pixels(std::size_t(kSide) * kSide * 4);
    glReadPixels(0, 0, kSide, kSide, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    if (pixels[3] != 255) return fail("the cleared framebuffer did not read back");
    eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(display, context);
    eglTerminate(display);
    std::printf("peak %.1f MiB\n", peak_mib());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc == 2 ? argv[1] : "";
    if (mode == "first-frame" || mode == "frames") return window_mode(mode == "frames");
    if (mode == "headless") return headless_mode();
    std::fprintf(stderr, "usage: gl-floor first-frame|frames|headless\n");
    return 2;
}
