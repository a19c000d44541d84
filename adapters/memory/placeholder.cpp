// Placeholder translation unit so the library exists before its first store lands; remove it
// when the first in-memory store is added.
namespace drop::adapters::memory {}
