import { Link, Route, Switch } from "wouter";
import { ConnectWallet } from "./components/ConnectWallet.tsx";
import { NetworkBanner } from "./components/NetworkBanner.tsx";
import { useCart } from "./hooks/useCart.ts";
import { useActiveChain } from "./hooks/useActiveChain.ts";
import { CartPage } from "./pages/CartPage.tsx";
import { CreateRoundPage } from "./pages/CreateRoundPage.tsx";
import { ManagePage } from "./pages/ManagePage.tsx";
import { ProjectEditorPage } from "./pages/ProjectEditorPage.tsx";
import { ProjectPage } from "./pages/ProjectPage.tsx";
import { ProjectsPage } from "./pages/ProjectsPage.tsx";
import { ReviewRoundPage } from "./pages/ReviewRoundPage.tsx";
import { RoundPage } from "./pages/RoundPage.tsx";
import { RoundsPage } from "./pages/RoundsPage.tsx";

function CartLink() {
  const [cart] = useCart();
  const active = useActiveChain();
  const count = cart.filter((line) => line.chainId === active?.chain.id).length;
  return (
    <Link href="/cart" className="nav-cart">
      Cart
      {count > 0 && (
        <span className="badge" aria-label={`${count} projects`}>
          {count}
        </span>
      )}
    </Link>
  );
}

export function App() {
  const active = useActiveChain();
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          Hyphae
        </Link>
        <nav aria-label="Main">
          <Link href="/">Rounds</Link>
          <Link href="/projects">Projects</Link>
          <Link href="/manage">Manage</Link>
          <CartLink />
        </nav>
        <div className="header-end">
          {active && <span className="chain-name">{active.chain.name}</span>}
          <ConnectWallet />
        </div>
      </header>
      <NetworkBanner />
      <main id="main">
        <Switch>
          <Route path="/">
            <RoundsPage />
          </Route>
          <Route path="/rounds/:address">{(params) => <RoundPage address={params.address} />}</Route>
          <Route path="/cart">
            <CartPage />
          </Route>
          <Route path="/projects">
            <ProjectsPage />
          </Route>
          <Route path="/projects/new">
            <ProjectEditorPage />
          </Route>
          <Route path="/projects/:id/edit">{(params) => <ProjectEditorPage id={params.id} />}</Route>
          <Route path="/projects/:id">{(params) => <ProjectPage id={params.id} />}</Route>
          <Route path="/manage">
            <ManagePage />
          </Route>
          <Route path="/manage/new">
            <CreateRoundPage />
          </Route>
          <Route path="/manage/rounds/:address">{(params) => <ReviewRoundPage address={params.address} />}</Route>
          <Route>
            <h1>Page not found</h1>
            <p>
              There is nothing at this address. <Link href="/">Go to the rounds</Link>.
            </p>
          </Route>
        </Switch>
      </main>
      <footer className="site-footer">
        <p>Hyphae funds the commons of a cosmo-local network. Every figure is read from the chain.</p>
      </footer>
    </>
  );
}
