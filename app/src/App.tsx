import { lazy, Suspense } from "react";
import { Link, Route, Switch } from "wouter";
import { ChainPicker } from "./components/ChainPicker.tsx";
import { ConnectWallet } from "./components/ConnectWallet.tsx";
import { Loading } from "./components/Loading.tsx";
import { NetworkBanner } from "./components/NetworkBanner.tsx";
import { useActiveChain } from "./hooks/useActiveChain.ts";
import { useCart } from "./hooks/useCart.ts";

// Every page loads when first opened, so that the first load carries only the page shown: a round's page does not
// wait for the rounds list, the voting rounds or the forms. On the rounds and a round's page, src/prefetch.ts has
// their modules preloaded before the app starts.
const RoundsPage = lazy(() => import("./pages/RoundsPage.tsx").then((module) => ({ default: module.RoundsPage })));
const RoundPage = lazy(() => import("./pages/RoundPage.tsx").then((module) => ({ default: module.RoundPage })));
const CartPage = lazy(() => import("./pages/CartPage.tsx").then((module) => ({ default: module.CartPage })));
const ManagePage = lazy(() => import("./pages/ManagePage.tsx").then((module) => ({ default: module.ManagePage })));
const CreateRoundPage = lazy(() =>
  import("./pages/CreateRoundPage.tsx").then((module) => ({ default: module.CreateRoundPage })),
);
const ReviewRoundPage = lazy(() =>
  import("./pages/ReviewRoundPage.tsx").then((module) => ({ default: module.ReviewRoundPage })),
);
const ProjectsPage = lazy(() =>
  import("./pages/ProjectsPage.tsx").then((module) => ({ default: module.ProjectsPage })),
);
const ProjectPage = lazy(() => import("./pages/ProjectPage.tsx").then((module) => ({ default: module.ProjectPage })));
const ProjectEditorPage = lazy(() =>
  import("./pages/ProjectEditorPage.tsx").then((module) => ({ default: module.ProjectEditorPage })),
);
const NetworkPage = lazy(() => import("./pages/NetworkPage.tsx").then((module) => ({ default: module.NetworkPage })));
const NodePage = lazy(() => import("./pages/NodePage.tsx").then((module) => ({ default: module.NodePage })));
const RecordContributionPage = lazy(() =>
  import("./pages/RecordContributionPage.tsx").then((module) => ({ default: module.RecordContributionPage })),
);
const StewardsQueuePage = lazy(() =>
  import("./pages/StewardsQueuePage.tsx").then((module) => ({ default: module.StewardsQueuePage })),
);
const ContributorPage = lazy(() =>
  import("./pages/ContributorPage.tsx").then((module) => ({ default: module.ContributorPage })),
);
const VotingRoundPage = lazy(() =>
  import("./pages/VotingRoundPage.tsx").then((module) => ({ default: module.VotingRoundPage })),
);
const CreateVotingRoundPage = lazy(() =>
  import("./pages/CreateVotingRoundPage.tsx").then((module) => ({ default: module.CreateVotingRoundPage })),
);
const CreateSeasonPage = lazy(() =>
  import("./pages/CreateSeasonPage.tsx").then((module) => ({ default: module.CreateSeasonPage })),
);
const SeasonPage = lazy(() => import("./pages/SeasonPage.tsx").then((module) => ({ default: module.SeasonPage })));
const ContributionPage = lazy(() =>
  import("./pages/ContributionPage.tsx").then((module) => ({ default: module.ContributionPage })),
);

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
          <Link href="/network">Network</Link>
          <Link href="/manage">Manage</Link>
          <CartLink />
        </nav>
        <div className="header-end">
          <ChainPicker />
          <ConnectWallet />
        </div>
      </header>
      <NetworkBanner />
      <main id="main">
        <Suspense fallback={<Loading what="the page" />}>
          <Switch>
            <Route path="/">
              <RoundsPage />
            </Route>
            <Route path="/rounds/:address">{(params) => <RoundPage address={params.address} />}</Route>
            <Route path="/voting/:address">{(params) => <VotingRoundPage address={params.address} />}</Route>
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
            <Route path="/manage/new-vote">
              <CreateVotingRoundPage />
            </Route>
            <Route path="/manage/new-season">
              <CreateSeasonPage />
            </Route>
            <Route path="/manage/rounds/:address">{(params) => <ReviewRoundPage address={params.address} />}</Route>
            <Route path="/network">
              <NetworkPage />
            </Route>
            <Route path="/network/nodes/:id">{(params) => <NodePage id={params.id} />}</Route>
            <Route path="/network/contribute">
              <RecordContributionPage />
            </Route>
            <Route path="/network/stewards">
              <StewardsQueuePage />
            </Route>
            <Route path="/network/contributors/:address">
              {(params) => <ContributorPage address={params.address} />}
            </Route>
            <Route path="/network/contributions/:id">{(params) => <ContributionPage id={params.id} />}</Route>
            <Route path="/network/seasons/:address">{(params) => <SeasonPage address={params.address} />}</Route>
            <Route>
              <h1>Page not found</h1>
              <p>
                There is nothing at this address. <Link href="/">Go to the rounds</Link>.
              </p>
            </Route>
          </Switch>
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>Hyphae funds the commons of a cosmo-local network. Every figure is read from the chain.</p>
      </footer>
    </>
  );
}
