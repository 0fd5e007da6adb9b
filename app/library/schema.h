#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

/// The library's versioned schema. Versions only move forward: version N is reached from N-1 by
/// the statements of step N, each step in its own transaction with PRAGMA user_version.
namespace Schema {

/// "GLSS": marks an SQLite file as a Gloss library, so a foreign database is never touched.
constexpr int ApplicationId = 0x474C5353;
constexpr int CurrentVersion = 6;

/// The statements that take a library from version - 1 to version.
QStringList stepTo(int version);

/// The step that stores formats under their keys ("plain text" becomes "plain-text"): version
/// 5. It touches only articles.format, so it can take any number after the steps before it.
QStringList formatKeysStep();

/// Applies every step after fromVersion up to toVersion, one transaction each.
[[nodiscard]] Result<void> migrate(
    const QString &connection, int fromVersion, int toVersion = CurrentVersion);

} // namespace Schema
