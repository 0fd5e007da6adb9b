#include "libraryrecovery.h"

#include "library/librarycheck.h"

#include <QApplication>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QThread>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace LibraryRecovery {

namespace {

QString tr(const char *text)
{
    return QApplication::translate("LibraryRecovery", text);
}

/// A name beside the damaged file that is not taken: "notes-recovered.sqlite", then "-2"…
QString suggestedTarget(const QString &damagedPath)
{
    const QFileInfo damaged(damagedPath);
    const QString suffix = damaged.suffix().isEmpty() ? u"sqlite"_s : damaged.suffix();
    for (int n = 1;; ++n) {
        const QString name = n == 1
            ? u"%1-recovered.%2"_s.arg(damaged.completeBaseName(), suffix)
            : u"%1-recovered-%2.%3"_s.arg(damaged.completeBaseName()).arg(n).arg(suffix);
        const QString candidate = damaged.absoluteDir().filePath(name);
        if (!QFileInfo::exists(candidate))
            return candidate;
    }
}

} // namespace

QString offer(QWidget *parent, const QString &damagedPath, const QString &sentence)
{
    QMessageBox box(QMessageBox::Critical, tr("Damaged Library"), sentence, QMessageBox::NoButton,
        parent);
    box.setInformativeText(tr("Gloss will not change the damaged file. It can copy every "
                              "article, highlight and tag that can still be read into a new "
                              "library, and open that."));
    QPushButton *recover = box.addButton(tr("Recover into a New Library…"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Close);
    box.setDefaultButton(recover);
    box.setObjectName(u"damagedLibrary"_s);
    box.exec();
    if (box.clickedButton() != recover)
        return {};
    return chooseAndRecover(parent, damagedPath);
}

QString chooseAndRecover(QWidget *parent, const QString &damagedPath)
{
    const QString target = QFileDialog::getSaveFileName(parent, tr("Recover into a New Library"),
        suggestedTarget(damagedPath), tr("Gloss libraries (*.sqlite *.gloss)"));
    if (target.isEmpty())
        return {};
    if (QFileInfo::exists(target)) {
        // The file dialog asked to replace it; a recovery never overwrites, so say so plainly.
        QMessageBox::warning(parent, tr("Recover Library"),
            tr("“%1” already exists. Recovery makes a new file and never replaces one; choose "
               "another name.")
                .arg(target));
        return {};
    }
    return recoverInto(parent, damagedPath, target);
}

QString recoverInto(QWidget *parent, const QString &damagedPath, const QString &target)
{
    QProgressDialog progress(tr("Recovering “%1”…").arg(QFileInfo(damagedPath).fileName()),
        QString(), 0, 0, parent);
    progress.setWindowTitle(tr("Recover Library"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(0);
    progress.show();

    // The recovery reads the whole damaged file: on a worker, so the window keeps painting.
    QEventLoop loop;
    QPointer<QProgressDialog> shown(&progress);
    auto outcome = std::make_shared<std::optional<Result<LibraryCheck::Recovered>>>();
    std::unique_ptr<QThread> worker(QThread::create([=, &loop] {
        *outcome = LibraryCheck::recover(damagedPath, target, [shown](const QString &step) {
            QMetaObject::invokeMethod(qApp, [shown, step] {
                if (shown)
                    shown->setLabelText(step);
            });
        });
        QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
    }));
    worker->start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    worker->wait();
    progress.close();

    const Result<LibraryCheck::Recovered> &recovered = **outcome;
    if (!recovered) {
        QMessageBox::warning(parent, tr("Recover Library"),
            tr("Nothing was recovered: %1").arg(recovered.error()));
        return {};
    }
    QMessageBox::information(parent, tr("Recover Library"),
        QApplication::translate("LibraryRecovery",
            "Recovered %n article(s), %1 highlights and %2 tags into “%3”. The damaged library "
            "was left as it was.",
            nullptr, int(recovered->articles))
            .arg(recovered->highlights)
            .arg(recovered->tags)
            .arg(recovered->path));
    return recovered->path;
}

} // namespace LibraryRecovery
