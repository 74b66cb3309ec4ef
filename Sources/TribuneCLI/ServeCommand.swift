import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import Tribune
import TribunePostgres
import TribuneServer
import TribuneStore

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the store: a JSON API under /api and a dashboard at /, read only.",
        discussion: """
            Listens on 127.0.0.1 unless told otherwise: the dashboard has no login, so think before \
            --host 0.0.0.0. Nothing the server does changes the store; POST /api/analyze analyzes a page \
            without storing it. The API is described at /openapi.json. Stop with Ctrl-C.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one and prints it).")
    var port = 8080

    @Option(help: "The largest page POST /api/analyze accepts, in bytes.")
    var maxBody = 4 << 20

    @Option(help: "Seconds a request may run before it is answered with 503.")
    var timeout = 30

    @Flag(help: "Open the dashboard in the default browser once the server listens.")
    var open = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard maxBody > 0 else { throw ValidationError("--max-body must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be at least 1") }
    }

    func run() throws {
        var options = ServerOptions()
        options.host = host
        options.port = port
        options.maxAnalyzeBytes = maxBody
        options.requestTimeout = .seconds(timeout)
        let location = store.location
        let opened: any Store
        let reader: SQLiteReader?
        do {
            opened = try store.openExisting()
            reader = PostgresBackend.isURL(location) ? nil : try SQLiteReader(path: location)
        } catch let error as StoreError {
            FileHandle.standardError.write(Data("tribune: \(error)\n".utf8))
            throw ExitCode(1)
        }
        defer { opened.close() }
        let analyzer = AnalyzerLoader { try Pipeline() }
        let host = self.host
        let shouldOpen = open
        let app = try TribuneServer.application(
            store: opened, reader: reader, options: options, analyzer: analyzer
        ) { port in
            let address = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
            let line = "Tribune is serving \(location) at \(address) (Ctrl-C stops it)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
            if shouldOpen { Self.openBrowser(address) }
        }
        // The root command is synchronous; the server runs on the concurrency pool until a
        // signal stops it, and this thread waits for it.
        let finished = DispatchSemaphore(value: 0)
        let failure = Mutex<(any Error)?>(nil)
        Task {
            do {
                try await app.runService()
            } catch {
                failure.withLock { $0 = error }
            }
            finished.signal()
        }
        finished.wait()
        if let error = failure.withLock({ $0 }) {
            FileHandle.standardError.write(Data("tribune: cannot serve on \(host):\(port): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    static func openBrowser(_ address: String) {
        for opener in ["/usr/bin/xdg-open", "/usr/bin/open"] where FileManager.default.isExecutableFile(atPath: opener)
        {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: opener)
            process.arguments = [address]
            try? process.run()
            return
        }
        FileHandle.standardError.write(Data("tribune: no browser opener found; open \(address) yourself\n".utf8))
    }
}
