// EGL context creation: surfaceless platform first (Mesa), then the first EGL device, then the
// default display; the first that gives a 3.3 core context wins.
#include "headless.hpp"

#include <epoxy/egl.h>
#include <epoxy/gl.h>

#include <string>
#include <vector>

#include "core/errors.hpp"

namespace atlas {

struct HeadlessContext::Impl {
    EGLDisplay display = EGL_NO_DISPLAY;
    EGLContext context = EGL_NO_CONTEXT;
};

namespace {

bool has_extension(const char* list, const char* name) {
    if (!list) return false;
    const std::string s = std::string(" ") + list + " ";
    return s.find(std::string(" ") + name + " ") != std::string::npos;
}

EGLContext try_display(EGLDisplay d, std::string& why) {
    EGLint major = 0, minor = 0;
    if (!eglInitialize(d, &major, &minor)) {
        why = "eglInitialize failed";
        return EGL_NO_CONTEXT;
    }
    if (!eglBindAPI(EGL_OPENGL_API)) {
        why = "EGL has no desktop OpenGL";
        eglTerminate(d);
        return EGL_NO_CONTEXT;
    }
    const EGLint config_attrs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8,
                                   EGL_BLUE_SIZE, 8, EGL_SURFACE_TYPE, 0, EGL_NONE};
    EGLConfig config = nullptr;
    EGLint n = 0;
    // Surfaceless contexts need no surface type; fall back to any OpenGL config.
    if (!eglChooseConfig(d, config_attrs, &config, 1, &n) || n == 0) {
        const EGLint any[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
        if (!eglChooseConfig(d, any, &config, 1, &n) || n == 0) {
            why = "no EGL config for desktop OpenGL";
            eglTerminate(d);
            return EGL_NO_CONTEXT;
        }
    }
    const EGLint ctx_attrs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                                EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    EGLContext c = eglCreateContext(d, config, EGL_NO_CONTEXT, ctx_attrs);
    if (c == EGL_NO_CONTEXT) {
        why = "no OpenGL 3.3 core context";
        eglTerminate(d);
        return EGL_NO_CONTEXT;
    }
    if (!eglMakeCurrent(d, EGL_NO_SURFACE, EGL_NO_SURFACE, c)) {
        why = "cannot make a surfaceless context current";
        eglDestroyContext(d, c);
        eglTerminate(d);
        return EGL_NO_CONTEXT;
    }
    return c;
}

}  // namespace

HeadlessContext::HeadlessContext() : impl_(std::make_unique<Impl>()) {
    const char* client = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
    std::vector<EGLDisplay> candidates;
    if (has_extension(client, "EGL_MESA_platform_surfaceless"))
        candidates.push_back(eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr));
    if (has_extension(client, "EGL_EXT_platform_device")) {
        EGLDeviceEXT devices[4];
        EGLint count = 0;
        if (eglQueryDevicesEXT(4, devices, &count))
            for (EGLint i = 0; i < count; ++i)
                candidates.push_back(eglGetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT, devices[i], nullptr));
    }
    std::string why = "no EGL display";
    for (EGLDisplay d : candidates) {
        if (d == EGL_NO_DISPLAY) continue;
        EGLContext c = try_display(d, why);
        if (c != EGL_NO_CONTEXT) {
            impl_->display = d;
            impl_->context = c;
            return;
        }
    }
    throw GlError("no OpenGL context for offscreen rendering: " + why);
}

HeadlessContext::~HeadlessContext() {
    if (impl_->context != EGL_NO_CONTEXT) {
        eglMakeCurrent(impl_->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        eglDestroyContext(impl_->display, impl_->context);
        eglTerminate(impl_->display);
    }
}

std::string HeadlessContext::renderer() const {
    const auto* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    return r ? r : "unknown";
}

}  // namespace atlas
