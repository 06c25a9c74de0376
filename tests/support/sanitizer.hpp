// Whether the tests are built with AddressSanitizer (the `asan` preset), for the few that leave out
// work whose time there is spent in a library's code rather than the atlas's, and say so.
#pragma once

namespace atlas::test {

inline constexpr bool kAddressSanitizer =
#if defined(__SANITIZE_ADDRESS__)
    true;
#else
    false;
#endif

}  // namespace atlas::test
