import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{a as r,c as i,d as a,f as o,h as s,i as c,l,m as u,n as d,o as f,r as p,s as m,st as h,t as g}from"./format-DEMksZNZ.js";import{t as _}from"./useTranslation-C_P0klXE.js";import{n as v}from"./index-CpYzi74g.js";var y=e(t(),1),b=n(),x=20,S=o(`
  query MarketOptions($dealerID: ID!, $isDealer: Boolean!) {
    settings {
      today
    }
    products(where: { active: true }, orderBy: { field: SKU }, first: 100) {
      edges {
        node {
          id
          sku
          name
        }
      }
    }
    territories(first: 100) @skip(if: $isDealer) {
      edges {
        node {
          id
          name
        }
      }
    }
    dealer: node(id: $dealerID) @include(if: $isDealer) {
      __typename
      id
      ... on Dealer {
        territories {
          id
          name
        }
      }
    }
  }
`),C=o(`
  query PriceObservations($territoryID: ID, $productID: ID) {
    priceObservations(territoryID: $territoryID, productID: $productID, first: 50) {
      territory {
        id
        name
      }
      product {
        id
        sku
        name
      }
      competitor
      observedPrice
      observedOn
      ourPrice
    }
  }
`),w=o(`
  query MarketReports(
    $territoryID: ID
    $productID: ID
    $from: Date
    $to: Date
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
  ) {
    marketReports(
      territoryID: $territoryID
      productID: $productID
      from: $from
      to: $to
      first: $first
      after: $after
      last: $last
      before: $before
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          competitor
          observedPrice
          observedOn
          note
          reportedByName
          reportedAt
          dealer {
            id
            name
          }
          territory {
            id
            name
          }
          product {
            id
            sku
            name
          }
        }
      }
    }
  }
`),T=o(`
  mutation SubmitMarketReport($input: SubmitMarketReportInput!) {
    submitMarketReport(input: $input) {
      id
    }
  }
`);function E(){let{t:e}=_(),[{data:t}]=a(),n=t?.me,i=n?.role===`DEALER`;p(e(`market.title`));let[{data:o,error:c}]=s({query:S,variables:{dealerID:n?.dealer?.id??``,isDealer:i},pause:!n});if(c&&!o)return(0,b.jsx)(r,{error:c});if(!o)return(0,b.jsx)(f,{});let l=(o.products.edges??[]).flatMap(e=>e?.node?[{id:e.node.id,name:`${e.node.sku} ${e.node.name}`}]:[]),u=i?o.dealer?.__typename===`Dealer`?o.dealer.territories??[]:[]:(o.territories?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-title`,children:[(0,b.jsx)(`h1`,{id:`market-title`,children:e(`market.title`)}),(0,b.jsx)(`p`,{className:`lead`,children:e(i?`market.intro`:`market.staffIntro`)}),i&&(0,b.jsx)(D,{territories:u,products:l,today:o.settings.today}),i&&(0,b.jsx)(O,{}),(0,b.jsx)(k,{territories:u,products:l,staff:!i})]})}function D({territories:e,products:t,today:n}){let{t:r}=_(),a=(0,y.useId)(),o={territoryID:e[0]?.id??``,productID:``,competitor:``,observedPrice:``,observedOn:n,note:``},[s,c]=(0,y.useState)(o),[d,f]=(0,y.useState)(!1),[{fetching:p,error:h},g]=u(T),v=l(h),x=e=>{let t=v.find(t=>i(t.field).name===e);return t?(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:m(r,t,`market`)}):null},S=v.filter(e=>!e.field),C=e=>t=>c(n=>({...n,[e]:t.target.value}));return(0,b.jsxs)(`section`,{"aria-labelledby":`${a}-title`,children:[(0,b.jsx)(`h2`,{id:`${a}-title`,children:r(`market.report`)}),(0,b.jsxs)(`form`,{className:`form market-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),f(!1),(await g({input:{...s,note:s.note||null}},{additionalTypenames:[`MarketReport`]})).error||(c({...o,territoryID:s.territoryID}),f(!0))},children:[(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-territory`,children:r(`market.territory`)}),(0,b.jsx)(`select`,{id:`${a}-territory`,name:`territoryID`,value:s.territoryID,onChange:C(`territoryID`),children:e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))}),x(`territoryID`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-product`,children:r(`market.product`)}),(0,b.jsxs)(`select`,{id:`${a}-product`,name:`productID`,value:s.productID,onChange:C(`productID`),children:[(0,b.jsx)(`option`,{value:``,children:r(`market.chooseProduct`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),x(`productID`)]})]}),(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-competitor`,children:r(`market.competitor`)}),(0,b.jsx)(`input`,{id:`${a}-competitor`,name:`competitor`,value:s.competitor,maxLength:200,onChange:C(`competitor`)}),x(`competitor`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-price`,children:r(`market.observedPrice`)}),(0,b.jsx)(`input`,{id:`${a}-price`,name:`observedPrice`,inputMode:`decimal`,value:s.observedPrice,onChange:C(`observedPrice`)}),x(`observedPrice`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-on`,children:r(`market.observedOn`)}),(0,b.jsx)(`input`,{id:`${a}-on`,name:`observedOn`,type:`date`,max:n,value:s.observedOn,onChange:C(`observedOn`)}),x(`observedOn`)]})]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-note`,children:r(`market.note`)}),(0,b.jsx)(`textarea`,{id:`${a}-note`,name:`note`,rows:2,maxLength:2e3,value:s.note,onChange:C(`note`)}),x(`note`)]}),S.map((e,t)=>(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:m(r,e,`market`)},t)),(0,b.jsxs)(`p`,{className:`actions-row`,children:[(0,b.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:p,children:r(`market.submit`)}),(0,b.jsx)(`span`,{role:`status`,className:`muted`,children:d?r(`market.submitted`):``})]})]})]})}function O(){let{t:e,i18n:t}=_(),[{data:n,error:i}]=s({query:C,variables:{}}),a=n?.priceObservations??[];return(0,b.jsxs)(`section`,{"aria-labelledby":`market-observations`,children:[(0,b.jsx)(`h2`,{id:`market-observations`,children:e(`market.observations`)}),i&&!n?(0,b.jsx)(r,{error:i}):n?a.length?(0,b.jsxs)(`table`,{className:`table observations`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:e(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:e(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:e(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:e(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:e(`market.ourPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:e(`market.observedOn`)})]})}),(0,b.jsx)(`tbody`,{children:a.map((n,r)=>(0,b.jsxs)(`tr`,{children:[(0,b.jsxs)(`th`,{scope:`row`,"data-label":e(`market.product`),children:[n.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:n.product.sku})]}),(0,b.jsx)(`td`,{"data-label":e(`market.territory`),children:n.territory.name}),(0,b.jsx)(`td`,{"data-label":e(`market.competitor`),children:n.competitor}),(0,b.jsx)(`td`,{"data-label":e(`market.observedPrice`),className:`num money`,children:g(n.observedPrice,t.language)}),(0,b.jsx)(`td`,{"data-label":e(`market.ourPrice`),className:`num money`,children:n.ourPrice?g(n.ourPrice,t.language):`—`}),(0,b.jsx)(`td`,{"data-label":e(`market.observedOn`),children:n.observedOn})]},r))})]}):(0,b.jsx)(c,{children:e(`market.noObservations`)}):(0,b.jsx)(f,{}),n&&a.length>0&&(0,b.jsx)(`p`,{className:`muted`,children:e(`market.anonymous`)})]})}function k({territories:e,products:t,staff:n}){let{t:i,i18n:a}=_(),o=(0,y.useId)(),[l,u]=h(),p={territoryID:l.get(`territory`)||null,productID:l.get(`product`)||null,from:l.get(`from`)||null,to:l.get(`to`)||null},m=l.get(`after`),S=l.get(`before`),C={...p,...S?{last:x,before:S}:{first:x,after:m??null}},[{data:T,error:E,fetching:D},O]=s({query:w,variables:C}),k=e=>{let t={},n={territory:p.territoryID,product:p.productID,from:p.from,to:p.to,...e};for(let[e,r]of Object.entries(n))r&&(t[e]=r);u(t)},A=T?.marketReports,j=(A?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-reports`,children:[(0,b.jsx)(`h2`,{id:`market-reports`,children:i(n?`market.reports`:`market.yourReports`)}),n&&(0,b.jsxs)(`div`,{className:`filter`,children:[(0,b.jsx)(`label`,{htmlFor:`${o}-t`,children:i(`market.territory`)}),(0,b.jsxs)(`select`,{id:`${o}-t`,value:p.territoryID??``,onChange:e=>k({territory:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:i(`market.allTerritories`)}),e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${o}-p`,children:i(`market.product`)}),(0,b.jsxs)(`select`,{id:`${o}-p`,value:p.productID??``,onChange:e=>k({product:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:i(`market.allProducts`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${o}-from`,children:i(`market.from`)}),(0,b.jsx)(`input`,{id:`${o}-from`,type:`date`,value:p.from??``,onChange:e=>k({from:e.target.value})}),(0,b.jsx)(`label`,{htmlFor:`${o}-to`,children:i(`market.to`)}),(0,b.jsx)(`input`,{id:`${o}-to`,type:`date`,value:p.to??``,onChange:e=>k({to:e.target.value})})]}),D&&!T?(0,b.jsx)(f,{}):E&&!T?(0,b.jsx)(r,{error:E,onRetry:()=>O({requestPolicy:`network-only`})}):j.length?(0,b.jsxs)(b.Fragment,{children:[(0,b.jsx)(`p`,{className:`count`,children:i(`market.count`,{count:A?.totalCount??0})}),(0,b.jsxs)(`table`,{className:`table market-reports`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:i(`market.observedOn`)}),n&&(0,b.jsx)(`th`,{scope:`col`,children:i(`market.dealer`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:i(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.reportedBy`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.note`)})]})}),(0,b.jsx)(`tbody`,{children:j.map(e=>(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`row`,"data-label":i(`market.observedOn`),children:e.observedOn}),n&&(0,b.jsx)(`td`,{"data-label":i(`market.dealer`),children:e.dealer.name}),(0,b.jsx)(`td`,{"data-label":i(`market.territory`),children:e.territory.name}),(0,b.jsxs)(`td`,{"data-label":i(`market.product`),children:[e.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,b.jsx)(`td`,{"data-label":i(`market.competitor`),children:e.competitor}),(0,b.jsx)(`td`,{"data-label":i(`market.observedPrice`),className:`num money`,children:g(e.observedPrice,a.language)}),(0,b.jsxs)(`td`,{"data-label":i(`market.reportedBy`),children:[e.reportedByName,` `,(0,b.jsx)(`span`,{className:`muted`,children:d(e.reportedAt,a.language)})]}),(0,b.jsx)(`td`,{"data-label":i(`market.note`),children:e.note})]},e.id))})]}),A&&(0,b.jsx)(v,{pageInfo:A.pageInfo,onPage:e=>k({after:e.after,before:e.before})})]}):(0,b.jsx)(c,{children:i(`market.noReports`)})]})}export{E as Market,S as MarketOptionsQuery,w as MarketReportsQuery,C as PriceObservationsQuery,T as SubmitMarketReportMutation};