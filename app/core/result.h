#pragma once

#include <QString>

#include <optional>
#include <utility>

/// An error for the user: one human sentence, never a code.
struct ResultError
{
    explicit ResultError(QString message)
        : text(std::move(message))
    { }
    QString text;
};

/// A value or an error sentence, the error path of every fallible core call.
/// Qt code must not throw, so failures travel as values and are shown only at the UI boundary.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    { }
    Result(ResultError error)
        : m_error(std::move(error.text))
    { }

    explicit operator bool() const { return m_value.has_value(); }
    bool ok() const { return m_value.has_value(); }

    T &value() { return *m_value; }
    const T &value() const { return *m_value; }
    T &operator*() { return *m_value; }
    const T &operator*() const { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    T valueOr(T fallback) const { return m_value ? *m_value : std::move(fallback); }

    const QString &error() const { return m_error; }

private:
    std::optional<T> m_value;
    QString m_error;
};

/// A fallible action with nothing to return.
template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(ResultError error)
        : m_failed(true)
        , m_error(std::move(error.text))
    { }

    explicit operator bool() const { return !m_failed; }
    bool ok() const { return !m_failed; }
    const QString &error() const { return m_error; }

private:
    bool m_failed = false;
    QString m_error;
};
