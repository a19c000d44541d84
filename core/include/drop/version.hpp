// The version of drop_core (and of the drop program built with it).
#pragma once

#include <string_view>

namespace drop {
std::string_view version();
}  // namespace drop
